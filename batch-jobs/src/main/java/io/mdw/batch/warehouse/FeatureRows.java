package io.mdw.batch.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.mdw.features.BarFeatures;
import io.mdw.features.MarketStructure;
import io.mdw.features.TrendDirection;

/** A bar's stored features, read from a JDBC row of bar_features. */
final class FeatureRows {

    private FeatureRows() {
    }

    static BarFeatures read(ResultSet rs) throws SQLException {
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
