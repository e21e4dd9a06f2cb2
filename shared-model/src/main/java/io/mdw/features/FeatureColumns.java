package io.mdw.features;

import java.util.List;
import java.util.stream.Stream;

/** The bar_features columns, named once for every module that writes, reads or serves them. */
public final class FeatureColumns {

    /** What consumers see: the features of a bar, in the order of the API's CSV columns. */
    public static final List<String> PUBLISHED = List.of("ret_1", "log_ret_1", "gap_pct", "range_pct", "true_range",
            "dollar_volume", "sma_20", "sma_50", "ema_12", "ema_26", "macd", "macd_signal", "rsi_14", "atr_14",
            "volatility_20", "volatility_50", "bb_upper_20", "bb_lower_20", "volume_sma_20", "volume_ratio_20",
            "trend_direction", "market_structure");

    /** Every stored column: the published ones, then the Wilder state that lets an incremental run resume RSI. */
    public static final List<String> STORED = Stream.concat(PUBLISHED.stream(), Stream.of("rsi_avg_gain", "rsi_avg_loss"))
            .toList();

    /**
     * How a database client reads a column of a row by name, NULL as null. A constant of it, not one per row, leaves
     * nothing to allocate for each row read.
     */
    public interface ColumnReader<R, X extends Exception> {

        /** A double precision column. */
        Double number(R row, String column) throws X;

        /** A text column. */
        String text(R row, String column) throws X;
    }

    private FeatureColumns() {
    }

    /** The column values of {@link #STORED}, in its order; enums as their codes. */
    public static Object[] values(BarFeatures f) {
        return new Object[] { f.ret1(), f.logRet1(), f.gapPct(), f.rangePct(), f.trueRange(), f.dollarVolume(),
                f.sma20(), f.sma50(), f.ema12(), f.ema26(), f.macd(), f.macdSignal(), f.rsi14(), f.atr14(),
                f.volatility20(), f.volatility50(), f.bbUpper20(), f.bbLower20(), f.volumeSma20(), f.volumeRatio20(),
                f.trendDirection() == null ? null : f.trendDirection().code(),
                f.marketStructure() == null ? null : f.marketStructure().code(), f.rsiAvgGain(), f.rsiAvgLoss() };
    }

    /** The features of a row with every {@link #STORED} column. */
    public static <R, X extends Exception> BarFeatures read(R row, ColumnReader<R, X> columns) throws X {
        return read(row, columns, true);
    }

    /** The features of a row with the {@link #PUBLISHED} columns only: without the Wilder state, null. */
    public static <R, X extends Exception> BarFeatures readPublished(R row, ColumnReader<R, X> columns) throws X {
        return read(row, columns, false);
    }

    private static <R, X extends Exception> BarFeatures read(R row, ColumnReader<R, X> c, boolean withWilderState)
            throws X {
        String trend = c.text(row, "trend_direction");
        String structure = c.text(row, "market_structure");
        return new BarFeatures(c.number(row, "ret_1"), c.number(row, "log_ret_1"), c.number(row, "gap_pct"),
                c.number(row, "range_pct"), c.number(row, "true_range"), c.number(row, "dollar_volume"),
                c.number(row, "sma_20"), c.number(row, "sma_50"), c.number(row, "ema_12"), c.number(row, "ema_26"),
                c.number(row, "macd"), c.number(row, "macd_signal"), c.number(row, "rsi_14"), c.number(row, "atr_14"),
                c.number(row, "volatility_20"), c.number(row, "volatility_50"), c.number(row, "bb_upper_20"),
                c.number(row, "bb_lower_20"), c.number(row, "volume_sma_20"), c.number(row, "volume_ratio_20"),
                trend == null ? null : TrendDirection.fromCode(trend),
                structure == null ? null : MarketStructure.fromCode(structure),
                withWilderState ? c.number(row, "rsi_avg_gain") : null,
                withWilderState ? c.number(row, "rsi_avg_loss") : null);
    }
}
