package io.mdw.batch.warehouse;

import java.time.LocalDate;
import java.util.List;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

/** A symbol the warehouse tracks: what it is, how the provider names it, which timeframes to keep, since when. */
public record TrackedSymbol(String symbol, AssetClass assetClass, String providerTicker, List<Timeframe> timeframes,
        LocalDate historyStart, boolean active) {

    /** The provider's prefixes say what a ticker is: X: crypto, C: forex; anything else is taken for a stock. */
    public static AssetClass assetClassOf(String ticker) {
        if (ticker.startsWith("X:")) {
            return AssetClass.CRYPTO;
        }
        if (ticker.startsWith("C:")) {
            return AssetClass.FOREX;
        }
        return AssetClass.STOCK;
    }
}
