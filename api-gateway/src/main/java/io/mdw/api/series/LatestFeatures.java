package io.mdw.api.series;

import java.time.Instant;

import io.mdw.market.Timeframe;
import org.jspecify.annotations.NullMarked;

/** A series that has features, with the time of the latest bar they were computed for. */
@NullMarked
public record LatestFeatures(String symbol, Timeframe timeframe, Instant time) {
}
