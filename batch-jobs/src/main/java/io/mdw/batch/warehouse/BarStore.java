package io.mdw.batch.warehouse;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.mdw.market.Bar;
import io.mdw.market.Timeframe;
import io.mdw.pipeline.Accepted;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Upserts bars and their features. Rows are streamed with COPY into session-local staging tables and merged
 * with one INSERT ... ON CONFLICT per table, inside the chunk's transaction. A row whose values did not change
 * is not rewritten, so re-running a window leaves the warehouse exactly as it was.
 */
@Repository
public class BarStore {

    static final List<String> KEY = List.of("symbol", "timeframe", "time");
    static final List<String> BAR_VALUES = List.of("open", "high", "low", "close", "volume", "vwap", "trade_count",
            "quality_score", "validated", "flags", "missing_bars", "source");

    private static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS bars_stage (LIKE bars INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bar_features_stage (LIKE bar_features) ON COMMIT DELETE ROWS""";

    private static final String BAR_COPY = copySql("bars_stage", BAR_VALUES);
    private static final String FEATURE_COPY = copySql("bar_features_stage", FeatureColumns.NAMES);
    private static final String BAR_MERGE = mergeSql("bars", "bars_stage", BAR_VALUES, ", ingested_at = now()");
    private static final String FEATURE_MERGE = mergeSql("bar_features", "bar_features_stage", FeatureColumns.NAMES, "");

    private final DataSource dataSource;

    public BarStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void upsert(String symbol, Timeframe timeframe, String source, List<Accepted> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        CopyText bars = new CopyText();
        CopyText features = new CopyText();
        for (Accepted item : items) {
            Bar bar = item.bar();
            bars.value(symbol).value(timeframe.code()).value(bar.time())
                    .value(bar.open()).value(bar.high()).value(bar.low()).value(bar.close()).value(bar.volume())
                    .value(bar.vwap()).value(bar.tradeCount())
                    .value(item.assessment().qualityScore()).value(item.assessment().validated())
                    .value(item.assessment().flagCodes()).value(item.assessment().missingBars()).value(source)
                    .endRow();
            features.value(symbol).value(timeframe.code()).value(bar.time());
            for (Object value : FeatureColumns.values(item.features())) {
                features.value(value);
            }
            features.endRow();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(BAR_COPY, new StringReader(bars.toString()));
            copy.copyIn(FEATURE_COPY, new StringReader(features.toString()));
            try (Statement statement = connection.createStatement()) {
                statement.execute(BAR_MERGE);
                statement.execute(FEATURE_MERGE);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into the staging tables failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static String copySql(String stage, List<String> values) {
        return "COPY " + stage + " (" + String.join(", ", columns(values)) + ") FROM STDIN";
    }

    private static String mergeSql(String table, String stage, List<String> values, String extraSet) {
        String all = String.join(", ", columns(values));
        String set = values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        String current = values.stream().map(c -> table + "." + c).collect(Collectors.joining(", "));
        String incoming = values.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + all + ") SELECT " + all + " FROM " + stage
                + " ON CONFLICT (symbol, timeframe, time) DO UPDATE SET " + set + extraSet
                + " WHERE (" + current + ") IS DISTINCT FROM (" + incoming + ")";
    }

    private static List<String> columns(List<String> values) {
        return Stream.concat(KEY.stream(), values.stream()).toList();
    }
}
