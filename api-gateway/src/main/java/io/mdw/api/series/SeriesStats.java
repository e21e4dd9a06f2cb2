package io.mdw.api.series;

import java.math.BigDecimal;
import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.jspecify.annotations.NullMarked;

/** What the warehouse holds for one (symbol, timeframe) series: aggregates over its bars, of which it has some. */
@NullMarked
public record SeriesStats(String symbol, Timeframe timeframe, AssetClass assetClass, long records,
                          long validatedRecords, Instant latestBar, Instant lastIngested, BigDecimal avgQualityScore)
        implements StoredSeries {
}
