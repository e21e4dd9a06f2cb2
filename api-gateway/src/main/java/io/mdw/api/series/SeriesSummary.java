package io.mdw.api.series;

import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.jspecify.annotations.NullMarked;

/**
 * The counts of one (symbol, timeframe) series and its latest bar; gap-detected bars are flagged price_gap or
 * missing_bars. A series is listed while quality_daily counts bars of it, which every write of its bars recomputes, so
 * it has a latest bar.
 */
@NullMarked
public record SeriesSummary(String symbol, Timeframe timeframe, AssetClass assetClass, long records,
                            long validatedRecords, long gapDetectedRecords, Instant latestBar)
        implements StoredSeries {
}
