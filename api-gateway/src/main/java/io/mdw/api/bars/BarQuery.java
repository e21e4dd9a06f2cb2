package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;

import io.mdw.market.Timeframe;

/**
 * One series read: bars of {@code symbol} in {@code timeframe} starting in [from, toExclusive) and after
 * {@code after} when paging, with quality_score ≥ {@code minQuality}; at most {@code limit} bars (null: all).
 */
record BarQuery(String symbol, Timeframe timeframe, Instant from, Instant toExclusive, Instant after,
                BigDecimal minQuality, boolean includeFeatures, Integer limit) {
}
