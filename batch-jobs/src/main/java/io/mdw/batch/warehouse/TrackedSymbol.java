package io.mdw.batch.warehouse;

import java.time.LocalDate;
import java.util.List;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

/** A symbol the warehouse tracks: what it is, how the provider names it, which timeframes to keep, since when. */
public record TrackedSymbol(String symbol, AssetClass assetClass, String providerTicker, List<Timeframe> timeframes,
        LocalDate historyStart, boolean active) {
}
