package io.mdw.features;

/**
 * The technical features of one bar, computed from that bar and the ones before it; a feature is null until
 * the series has enough history for it, and wherever it is undefined: a NaN or infinite value (a return after a zero
 * close, the volatility of a window holding one, a product beyond the range of a double) is null, never stored or
 * served as a number. {@code rsiAvgGain}/{@code rsiAvgLoss} are the Wilder averages behind {@code rsi14}, kept so
 * that a later run can resume the series exactly.
 */
public record BarFeatures(Double ret1, Double logRet1, Double gapPct, Double rangePct, Double trueRange,
                          Double dollarVolume, Double sma20, Double sma50, Double ema12, Double ema26, Double macd,
                          Double macdSignal, Double rsi14, Double atr14, Double volatility20, Double volatility50,
                          Double bbUpper20, Double bbLower20, Double volumeSma20, Double volumeRatio20,
                          TrendDirection trendDirection, MarketStructure marketStructure,
                          Double rsiAvgGain, Double rsiAvgLoss) {

    public BarFeatures {
        ret1 = definedOrNull(ret1);
        logRet1 = definedOrNull(logRet1);
        gapPct = definedOrNull(gapPct);
        rangePct = definedOrNull(rangePct);
        trueRange = definedOrNull(trueRange);
        dollarVolume = definedOrNull(dollarVolume);
        sma20 = definedOrNull(sma20);
        sma50 = definedOrNull(sma50);
        ema12 = definedOrNull(ema12);
        ema26 = definedOrNull(ema26);
        macd = definedOrNull(macd);
        macdSignal = definedOrNull(macdSignal);
        rsi14 = definedOrNull(rsi14);
        atr14 = definedOrNull(atr14);
        volatility20 = definedOrNull(volatility20);
        volatility50 = definedOrNull(volatility50);
        bbUpper20 = definedOrNull(bbUpper20);
        bbLower20 = definedOrNull(bbLower20);
        volumeSma20 = definedOrNull(volumeSma20);
        volumeRatio20 = definedOrNull(volumeRatio20);
        rsiAvgGain = definedOrNull(rsiAvgGain);
        rsiAvgLoss = definedOrNull(rsiAvgLoss);
    }

    private static Double definedOrNull(Double value) {
        return value == null || Double.isFinite(value) ? value : null;
    }
}
