package io.mdw.batch.load;

import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.PartitionName;

/** One partition of a load: a series (symbol, timeframe) and the window [from, to) to load it for. */
public record SeriesWindow(String symbol, String providerTicker, AssetClass assetClass, Timeframe timeframe,
        Instant from, Instant to) {

    /** The partition's name ("X:ETHUSD@5m"), which its step execution is named after. */
    public String key() {
        return new PartitionName(symbol, timeframe).key();
    }

    /** The same series over another window. */
    public SeriesWindow over(Instant from, Instant to) {
        return new SeriesWindow(symbol, providerTicker, assetClass, timeframe, from, to);
    }
}
