package io.mdw.api.series;

import java.math.BigDecimal;
import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

/** What the warehouse holds for one (symbol, timeframe) series. */
public record SeriesStats(String symbol, Timeframe timeframe, AssetClass assetClass, long records,
                          long validatedRecords, Instant latestBar, Instant lastIngested, BigDecimal avgQualityScore)
        implements StoredSeries {
}
