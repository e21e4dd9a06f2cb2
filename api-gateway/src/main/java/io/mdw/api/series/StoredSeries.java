package io.mdw.api.series;

import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

/** A series the warehouse holds, as far as its freshness goes: its calendar (by asset class), bar size and latest bar. */
public interface StoredSeries {

    AssetClass assetClass();

    Timeframe timeframe();

    Instant latestBar();
}
