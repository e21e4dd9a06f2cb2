package io.mdw.batch.load;

import java.time.Instant;

import io.mdw.market.RawBar;

/** A bar read back from the warehouse, as the pipeline reads bars, with where it first came from. */
record StoredBar(RawBar raw, String source) {

    Instant time() {
        return Instant.ofEpochMilli(Long.parseLong(raw.t()));
    }
}
