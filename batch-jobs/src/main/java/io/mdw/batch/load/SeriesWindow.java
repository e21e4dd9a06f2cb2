package io.mdw.batch.load;

import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

/** One partition of a load: a series (symbol, timeframe) and the window [from, to) to load it for. */
public record SeriesWindow(String symbol, String providerTicker, AssetClass assetClass, Timeframe timeframe,
        Instant from, Instant to) {

    /** The partition's name, as it appears in the step execution ("loadSeries:X:ETHUSD@5m"). */
    public String key() {
        return symbol + "@" + timeframe.code();
    }
}
