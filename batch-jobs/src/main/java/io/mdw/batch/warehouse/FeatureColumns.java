package io.mdw.batch.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.mdw.features.BarFeatures;
import io.mdw.features.MarketStructure;
import io.mdw.features.TrendDirection;

/** The bar_features columns in one place, for the writer, the history loader and the benchmark's baseline. */
public final class FeatureColumns {

    public static final List<String> NAMES = List.of("ret_1", "log_ret_1", "gap_pct", "range_pct", "true_range",
            "dollar_volume", "sma_20", "sma_50", "ema_12", "ema_26", "macd", "macd_signal", "rsi_14", "atr_14",
            "volatility_20", "volatility_50", "bb_upper_20", "bb_lower_20", "volume_sma_20", "volume_ratio_20",
            "trend_direction", "market_structure", "rsi_avg_gain", "rsi_avg_loss");

    private FeatureColumns() {
    }

    /** Column values in the order of {@link #NAMES}. */
    public static Object[] values(BarFeatures f) {
        return new Object[] { f.ret1(), f.logRet1(), f.gapPct(), f.rangePct(), f.trueRange(), f.dollarVolume(),
                f.sma20(), f.sma50(), f.ema12(), f.ema26(), f.macd(), f.macdSignal(), f.rsi14(), f.atr14(),
                f.volatility20(), f.volatility50(), f.bbUpper20(), f.bbLower20(), f.volumeSma20(), f.volumeRatio20(),
                f.trendDirection() == null ? null : f.trendDirection().code(),
                f.marketStructure() == null ? null : f.marketStructure().code(), f.rsiAvgGain(), f.rsiAvgLoss() };
    }

    public static BarFeatures read(ResultSet rs) throws SQLException {
        return new BarFeatures(d(rs, "ret_1"), d(rs, "log_ret_1"), d(rs, "gap_pct"), d(rs, "range_pct"),
                d(rs, "true_range"), d(rs, "dollar_volume"), d(rs, "sma_20"), d(rs, "sma_50"), d(rs, "ema_12"),
                d(rs, "ema_26"), d(rs, "macd"), d(rs, "macd_signal"), d(rs, "rsi_14"), d(rs, "atr_14"),
                d(rs, "volatility_20"), d(rs, "volatility_50"), d(rs, "bb_upper_20"), d(rs, "bb_lower_20"),
                d(rs, "volume_sma_20"), d(rs, "volume_ratio_20"), trend(rs.getString("trend_direction")),
                structure(rs.getString("market_structure")), d(rs, "rsi_avg_gain"), d(rs, "rsi_avg_loss"));
    }

    private static Double d(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static TrendDirection trend(String code) {
        return code == null ? null : TrendDirection.valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    private static MarketStructure structure(String code) {
        return code == null ? null : MarketStructure.valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
