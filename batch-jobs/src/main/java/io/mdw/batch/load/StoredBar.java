package io.mdw.batch.load;

import io.mdw.market.RawBar;

/** A bar read back from the warehouse, as the pipeline reads bars, with where it first came from. */
record StoredBar(RawBar raw, String source) {
}
