package io.mdw.features;

/**
 * The technical features of one bar, computed from that bar and the ones before it; a feature is null until
 * the series has enough history for it. {@code rsiAvgGain}/{@code rsiAvgLoss} are the Wilder averages behind
 * {@code rsi14}, kept so that a later run can resume the series exactly.
 */
public record BarFeatures(Double ret1, Double logRet1, Double gapPct, Double rangePct, Double trueRange,
                          Double dollarVolume, Double sma20, Double sma50, Double ema12, Double ema26, Double macd,
                          Double macdSignal, Double rsi14, Double atr14, Double volatility20, Double volatility50,
                          Double bbUpper20, Double bbLower20, Double volumeSma20, Double volumeRatio20,
                          TrendDirection trendDirection, MarketStructure marketStructure,
                          Double rsiAvgGain, Double rsiAvgLoss) {
}
