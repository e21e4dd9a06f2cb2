package io.mdw.features;

import io.mdw.market.Bar;

import java.util.List;

/**
 * A deliberately naive reference: each feature of bar i recomputed from scratch from bars 0..i, straight
 * from the formulas in the brief, with no shared state between bars.
 */
final class NaiveFeatures {

    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    NaiveFeatures(List<Bar> bars) {
        int n = bars.size();
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        for (int i = 0; i < n; i++) {
            open[i] = bars.get(i).open().doubleValue();
            high[i] = bars.get(i).high().doubleValue();
            low[i] = bars.get(i).low().doubleValue();
            close[i] = bars.get(i).close().doubleValue();
            volume[i] = bars.get(i).volume().doubleValue();
        }
    }

    BarFeatures at(int i) {
        Double ret1 = i < 1 ? null : close[i] / close[i - 1] - 1;
        Double logRet1 = i < 1 ? null : Math.log(close[i] / close[i - 1]);
        Double gapPct = i < 1 ? null : open[i] / close[i - 1] - 1;
        Double trueRange = i < 1 ? null : trueRange(i);
        Double sma20 = sma(close, i, 20);
        Double ema12 = ema(close, i, 12);
        Double ema26 = ema(close, i, 26);
        Double macd = ema26 == null ? null : ema12 - ema26;
        Double macdSignal = macdSignal(i);
        Double[] rsi = rsi(i);
        Double bbUpper = sma20 == null ? null : sma20 + 2 * populationStdDev(close, i, 20);
        Double bbLower = sma20 == null ? null : sma20 - 2 * populationStdDev(close, i, 20);
        Double volumeSma20 = sma(volume, i, 20);
        Double volumeRatio = volumeSma20 == null || volumeSma20 == 0 ? null : volume[i] / volumeSma20;
        return new BarFeatures(ret1, logRet1, gapPct, (high[i] - low[i]) / close[i], trueRange, close[i] * volume[i],
                sma20, sma(close, i, 50), ema12, ema26, macd, macdSignal, rsi[0], atr(i),
                volatility(i, 20), volatility(i, 50), bbUpper, bbLower, volumeSma20, volumeRatio, trend(i),
                structure(i), rsi[1], rsi[2]);
    }

    private double trueRange(int i) {
        return Math.max(high[i] - low[i], Math.max(Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])));
    }

    private static Double sma(double[] values, int i, int n) {
        if (i + 1 < n) {
            return null;
        }
        double sum = 0;
        for (int j = i - n + 1; j <= i; j++) {
            sum += values[j];
        }
        return sum / n;
    }

    /** The EMA of values[0..i]: the SMA of the first n, then e += α(x − e). */
    private static Double ema(double[] values, int i, int n) {
        if (i + 1 < n) {
            return null;
        }
        double alpha = 2.0 / (n + 1);
        double ema = sma(values, n - 1, n);
        for (int j = n; j <= i; j++) {
            ema += alpha * (values[j] - ema);
        }
        return ema;
    }

    private Double macdSignal(int i) {
        if (i < 25 + 8) {
            return null;
        }
        double[] macds = new double[i - 25 + 1];
        for (int j = 25; j <= i; j++) {
            macds[j - 25] = ema(close, j, 12) - ema(close, j, 26);
        }
        return ema(macds, macds.length - 1, 9);
    }

    /** {rsi, avgGain, avgLoss} at bar i. */
    private Double[] rsi(int i) {
        if (i < 14) {
            return new Double[3];
        }
        double gain = 0;
        double loss = 0;
        for (int j = 1; j <= 14; j++) {
            double change = close[j] - close[j - 1];
            gain += change > 0 ? change : 0;
            loss += change < 0 ? -change : 0;
        }
        gain /= 14;
        loss /= 14;
        for (int j = 15; j <= i; j++) {
            double change = close[j] - close[j - 1];
            gain = (gain * 13 + (change > 0 ? change : 0)) / 14;
            loss = (loss * 13 + (change < 0 ? -change : 0)) / 14;
        }
        double rsi = loss == 0 ? 100 : 100 - 100 / (1 + gain / loss);
        return new Double[] {rsi, gain, loss};
    }

    private Double atr(int i) {
        if (i < 14) {
            return null;
        }
        double atr = 0;
        for (int j = 1; j <= 14; j++) {
            atr += trueRange(j);
        }
        atr /= 14;
        for (int j = 15; j <= i; j++) {
            atr = (atr * 13 + trueRange(j)) / 14;
        }
        return atr;
    }

    private Double volatility(int i, int n) {
        if (i < n) {
            return null;
        }
        double[] returns = new double[n];
        for (int k = 0; k < n; k++) {
            int j = i - n + 1 + k;
            returns[k] = Math.log(close[j] / close[j - 1]);
        }
        double mean = 0;
        for (double r : returns) {
            mean += r / n;
        }
        double squares = 0;
        for (double r : returns) {
            squares += (r - mean) * (r - mean);
        }
        return Math.sqrt(squares / (n - 1));
    }

    private static double populationStdDev(double[] values, int i, int n) {
        double mean = sma(values, i, n);
        double squares = 0;
        for (int j = i - n + 1; j <= i; j++) {
            squares += (values[j] - mean) * (values[j] - mean);
        }
        return Math.sqrt(squares / n);
    }

    private TrendDirection trend(int i) {
        Double sma5 = sma(close, i, 5);
        if (sma5 == null) {
            return null;
        }
        return close[i] > 1.001 * sma5 ? TrendDirection.UP
                : close[i] < 0.999 * sma5 ? TrendDirection.DOWN : TrendDirection.NEUTRAL;
    }

    private MarketStructure structure(int i) {
        if (i < 20) {
            return null;
        }
        double now = typicalSma(i);
        double before = typicalSma(i - 1);
        double highest = Double.NEGATIVE_INFINITY;
        double lowest = Double.POSITIVE_INFINITY;
        for (int j = i - 19; j <= i; j++) {
            highest = Math.max(highest, high[j]);
            lowest = Math.min(lowest, low[j]);
        }
        if (now > before && close[i] > 0.95 * highest) {
            return MarketStructure.BULLISH;
        }
        if (now < before && close[i] < 1.05 * lowest) {
            return MarketStructure.BEARISH;
        }
        return MarketStructure.RANGE;
    }

    private double typicalSma(int i) {
        double sum = 0;
        for (int j = i - 19; j <= i; j++) {
            sum += (high[j] + low[j] + close[j]) / 3;
        }
        return sum / 20;
    }
}
