package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;

import io.mdw.market.Timeframe;

/**
 * One series read: bars of {@code symbol} in {@code timeframe} starting in [from, toExclusive), after {@code after}
 * and up to {@code through} (inclusive) when paging, with quality_score ≥ {@code minQuality}; at most {@code limit}
 * bars. Null bounds and a null limit do not restrict.
 */
record BarQuery(String symbol, Timeframe timeframe, Instant from, Instant toExclusive, Instant after, Instant through,
                BigDecimal minQuality, boolean includeFeatures, Integer limit) {
}
