package io.mdw.batch.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.features.BarFeatures;
import io.mdw.features.FeatureColumns;
import io.mdw.market.Bar;
import io.mdw.market.Timeframe;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the warehouse already holds of a series, to seed the processor of a new or resumed window. */
@Repository
public class SeriesHistoryRepository {

    /** The bar_features columns of a JDBC row. */
    private static final FeatureColumns.ColumnReader<ResultSet, SQLException> FEATURE_COLUMNS =
            new FeatureColumns.ColumnReader<>() {
                @Override
                public Double number(ResultSet row, String column) throws SQLException {
                    double value = row.getDouble(column);
                    return row.wasNull() ? null : value;
                }

                @Override
                public String text(ResultSet row, String column) throws SQLException {
                    return row.getString(column);
                }
            };

    private final JdbcClient jdbc;

    public SeriesHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last {@code count} bars strictly before {@code before}, oldest first. */
    public List<Bar> lastBarsBefore(String symbol, Timeframe timeframe, Instant before, int count) {
        List<Bar> newestFirst = jdbc.sql("""
                SELECT time, open, high, low, close, volume, vwap, trade_count FROM bars
                WHERE symbol = ? AND timeframe = ? AND time < ?
                ORDER BY time DESC LIMIT ?""")
                .params(symbol, timeframe.code(), java.sql.Timestamp.from(before), count)
                .query((rs, n) -> new Bar(rs.getTimestamp("time").toInstant(), rs.getBigDecimal("open"),
                        rs.getBigDecimal("high"), rs.getBigDecimal("low"), rs.getBigDecimal("close"),
                        rs.getBigDecimal("volume"), rs.getBigDecimal("vwap"),
                        (Long) rs.getObject("trade_count")))
                .list();
        List<Bar> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    public BarFeatures featuresAt(String symbol, Timeframe timeframe, Instant time) {
        return jdbc.sql("SELECT * FROM bar_features WHERE symbol = ? AND timeframe = ? AND time = ?")
                .params(symbol, timeframe.code(), java.sql.Timestamp.from(time))
                .query((rs, n) -> FeatureColumns.read(rs, FEATURE_COLUMNS))
                .optional()
                .orElse(null);
    }
}
