package io.mdw.features;

import io.mdw.market.Bar;

import java.util.List;
import java.util.Objects;

/**
 * Computes the features of one series bar by bar, in time order. Window features are recomputed over their
 * window every bar; the recursive ones (EMAs, MACD signal, Wilder RSI and ATR) carry state, which
 * {@link #resume} restores from stored features so an incremental run matches a full rebuild bit for bit.
 */
public final class FeatureCalculator {

    /** Bars of history needed to resume: at least the longest window (50) and every seeding period. */
    public static final int LOOKBACK = 60;

    private static final int RSI_PERIOD = 14;
    private static final int ATR_PERIOD = 14;
    private static final int SIGNAL_PERIOD = 9;
    private static final double ALPHA_12 = 2.0 / (12 + 1);
    private static final double ALPHA_26 = 2.0 / (26 + 1);
    private static final double ALPHA_9 = 2.0 / (SIGNAL_PERIOD + 1);

    private final DoubleWindow closes = new DoubleWindow(50);
    private final DoubleWindow logReturns = new DoubleWindow(50);
    private final DoubleWindow highs = new DoubleWindow(20);
    private final DoubleWindow lows = new DoubleWindow(20);
    private final DoubleWindow volumes = new DoubleWindow(20);
    private final DoubleWindow typicalPrices = new DoubleWindow(20);
    private final DoubleWindow trueRanges = new DoubleWindow(ATR_PERIOD);
    private final DoubleWindow macds = new DoubleWindow(SIGNAL_PERIOD);

    private long barCount;
    private double previousClose;
    private double previousTypicalSma = Double.NaN;
    private double ema12;
    private double ema26;
    private double macdSignal;
    private double rsiAvgGain;
    private double rsiAvgLoss;
    private double atr14;

    /** A calculator for a series starting with the next bar. */
    public FeatureCalculator() {
    }

    /**
     * A calculator that continues a series.
     *
     * @param history      the last up-to-{@link #LOOKBACK} bars before the new ones, oldest first; fewer than
     *                     {@code LOOKBACK} means this is the whole series so far
     * @param lastFeatures the stored features of the last history bar (needed only for a full lookback)
     */
    public static FeatureCalculator resume(List<Bar> history, BarFeatures lastFeatures) {
        FeatureCalculator calculator = new FeatureCalculator();
        history.forEach(calculator::next);
        if (history.size() >= LOOKBACK) {
            Objects.requireNonNull(lastFeatures, "lastFeatures are required to resume after a full lookback");
            calculator.ema12 = required(lastFeatures.ema12(), "ema12");
            calculator.ema26 = required(lastFeatures.ema26(), "ema26");
            calculator.macdSignal = required(lastFeatures.macdSignal(), "macdSignal");
            calculator.rsiAvgGain = required(lastFeatures.rsiAvgGain(), "rsiAvgGain");
            calculator.rsiAvgLoss = required(lastFeatures.rsiAvgLoss(), "rsiAvgLoss");
            calculator.atr14 = required(lastFeatures.atr14(), "atr14");
        }
        return calculator;
    }

    private static double required(Double value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("cannot resume: the last stored features have no " + name);
        }
        return value;
    }

    public BarFeatures next(Bar bar) {
        double open = bar.open().doubleValue();
        double high = bar.high().doubleValue();
        double low = bar.low().doubleValue();
        double close = bar.close().doubleValue();
        double volume = bar.volume().doubleValue();

        Double ret1 = null;
        Double logRet1 = null;
        Double gapPct = null;
        Double trueRange = null;
        if (barCount > 0) {
            // after a zero or negative close these are NaN or infinite, which BarFeatures makes null
            ret1 = close / previousClose - 1;
            double logReturn = Math.log(close / previousClose);
            logRet1 = logReturn;
            gapPct = open / previousClose - 1;
            double tr = Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
            trueRange = tr;
            // kept as it is: the volatility of a window holding an undefined return is undefined (NaN) too
            logReturns.push(logReturn);
            trueRanges.push(tr);
        }
        closes.push(close);
        highs.push(high);
        lows.push(low);
        volumes.push(volume);
        typicalPrices.push((high + low + close) / 3);
        barCount++;

        Double sma20 = barCount >= 20 ? closes.mean(20) : null;
        Double sma50 = barCount >= 50 ? closes.mean(50) : null;
        Double ema12Value = updateEma12(close);
        Double ema26Value = updateEma26(close);
        Double macd = ema12Value != null && ema26Value != null ? ema12Value - ema26Value : null;
        Double signal = macd == null ? null : updateMacdSignal(macd);
        Double rsi14 = updateRsi(close);
        Double atr = trueRange == null ? null : updateAtr(trueRange);
        long returnCount = barCount - 1;
        Double volatility20 = returnCount >= 20 ? logReturns.sampleStdDev(20) : null;
        Double volatility50 = returnCount >= 50 ? logReturns.sampleStdDev(50) : null;
        Double bbUpper = null;
        Double bbLower = null;
        if (sma20 != null) {
            double band = 2 * Math.sqrt(closes.squaredDeviations(20, sma20) / 20);
            bbUpper = sma20 + band;
            bbLower = sma20 - band;
        }
        Double volumeSma20 = barCount >= 20 ? volumes.mean(20) : null;
        Double volumeRatio20 = volumeSma20 != null ? volume / volumeSma20 : null;
        TrendDirection trend = barCount >= 5 ? trendDirection(close, closes.mean(5)) : null;
        MarketStructure structure = marketStructure(close);

        previousClose = close;
        return new BarFeatures(ret1, logRet1, gapPct, (high - low) / close, trueRange,
                close * volume, sma20, sma50, ema12Value, ema26Value, macd, signal, rsi14, atr,
                volatility20, volatility50, bbUpper, bbLower, volumeSma20, volumeRatio20, trend, structure,
                barCount > RSI_PERIOD ? rsiAvgGain : null, barCount > RSI_PERIOD ? rsiAvgLoss : null);
    }

    private Double updateEma12(double close) {
        if (barCount < 12) {
            return null;
        }
        ema12 = barCount == 12 ? closes.mean(12) : ALPHA_12 * close + (1 - ALPHA_12) * ema12;
        return ema12;
    }

    private Double updateEma26(double close) {
        if (barCount < 26) {
            return null;
        }
        ema26 = barCount == 26 ? closes.mean(26) : ALPHA_26 * close + (1 - ALPHA_26) * ema26;
        return ema26;
    }

    private Double updateMacdSignal(double macd) {
        long macdCount = barCount - 25;
        if (macdCount <= SIGNAL_PERIOD) {
            macds.push(macd);
        }
        if (macdCount < SIGNAL_PERIOD) {
            return null;
        }
        macdSignal = macdCount == SIGNAL_PERIOD ? macds.mean(SIGNAL_PERIOD)
                : ALPHA_9 * macd + (1 - ALPHA_9) * macdSignal;
        return macdSignal;
    }

    private Double updateRsi(double close) {
        long changes = barCount - 1;
        if (changes < RSI_PERIOD) {
            return null;
        }
        if (changes == RSI_PERIOD) {
            rsiAvgGain = closes.meanChange(RSI_PERIOD, 1);
            rsiAvgLoss = closes.meanChange(RSI_PERIOD, -1);
        } else {
            double change = close - previousClose;
            rsiAvgGain = (rsiAvgGain * (RSI_PERIOD - 1) + Math.max(change, 0)) / RSI_PERIOD;
            rsiAvgLoss = (rsiAvgLoss * (RSI_PERIOD - 1) + Math.max(-change, 0)) / RSI_PERIOD;
        }
        return rsiAvgLoss == 0 ? 100.0 : 100 - 100 / (1 + rsiAvgGain / rsiAvgLoss);
    }

    private Double updateAtr(double trueRange) {
        long count = barCount - 1;
        if (count < ATR_PERIOD) {
            return null;
        }
        atr14 = count == ATR_PERIOD ? trueRanges.mean(ATR_PERIOD) : (atr14 * (ATR_PERIOD - 1) + trueRange) / ATR_PERIOD;
        return atr14;
    }

    private static TrendDirection trendDirection(double close, double sma5) {
        if (close > 1.001 * sma5) {
            return TrendDirection.UP;
        }
        if (close < 0.999 * sma5) {
            return TrendDirection.DOWN;
        }
        return TrendDirection.NEUTRAL;
    }

    private MarketStructure marketStructure(double close) {
        if (barCount < 20) {
            return null;
        }
        double typicalSma = typicalPrices.mean(20);
        double previous = previousTypicalSma;
        previousTypicalSma = typicalSma;
        if (Double.isNaN(previous)) {
            return null;
        }
        if (typicalSma > previous && close > 0.95 * highs.max(20)) {
            return MarketStructure.BULLISH;
        }
        if (typicalSma < previous && close < 1.05 * lows.min(20)) {
            return MarketStructure.BEARISH;
        }
        return MarketStructure.RANGE;
    }
}
