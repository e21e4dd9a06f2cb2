package io.mdw.batch.warehouse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.mdw.features.FeatureColumns;
import io.mdw.market.Bar;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.pipeline.Accepted;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Upserts bars and their features, inside the chunk's transaction. When the warehouse holds nothing of the series
 * in the chunk's time range (a first load), the rows are streamed with COPY straight into the tables. Otherwise
 * they are streamed with COPY into session-local staging tables and merged with one INSERT ... ON CONFLICT per
 * table; a row whose values did not change is not rewritten, so re-running a window leaves the warehouse exactly
 * as it was. Bars a provider no longer sends are withdrawn with their features.
 */
@Repository
public class BarStore {

    static final List<String> KEY = List.of("symbol", "timeframe", "time");
    static final List<String> BAR_VALUES = List.of("open", "high", "low", "close", "volume", "vwap", "trade_count",
            "quality_score", "validated", "flags", "missing_bars", "source");

    private static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS bars_stage (LIKE bars INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bar_features_stage (LIKE bar_features) ON COMMIT DELETE ROWS""";

    private static final String ANY_STORED = """
            SELECT EXISTS (SELECT 1 FROM bars WHERE symbol = ? AND timeframe = ? AND time BETWEEN ? AND ?)
                OR EXISTS (SELECT 1 FROM bar_features WHERE symbol = ? AND timeframe = ? AND time BETWEEN ? AND ?)""";
    private static final String UNIQUE_VIOLATION = "23505";
    // numeric read back as text: the value as stored, as the provider's fields carry it
    private static final String UNSENT = """
            SELECT time, open, high, low, close, volume, vwap, trade_count FROM bars
            WHERE symbol = ? AND timeframe = ? AND source = ? AND time > ? AND time < ? AND time <> ALL (?)
            ORDER BY time
            FOR UPDATE""";
    private static final String BAR_MERGE = mergeSql("bars", "bars_stage", BAR_VALUES,
            ", ingested_at = clock_timestamp()");
    private static final String FEATURE_MERGE = mergeSql("bar_features", "bar_features_stage", FeatureColumns.STORED, "");

    private final DataSource dataSource;

    public BarStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What an upsert changed: the times of the bars stored new or changed (a bar stored as it was already is not among
     * them), and how many feature rows were stored new or changed.
     */
    public record Upserted(Set<Instant> bars, int featureRows) {

        public boolean changedNothing() {
            return bars.isEmpty() && featureRows == 0;
        }
    }

    public Upserted upsert(String symbol, Timeframe timeframe, String source, List<Accepted> items)
            throws SQLException {
        if (items.isEmpty()) {
            return new Upserted(Set.of(), 0);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (!anyStoredBetween(connection, symbol, timeframe, items)) {
                Savepoint beforeCopy = connection.setSavepoint();
                try {
                    copy(connection, "bars", "bar_features", symbol, timeframe, source, items);
                    connection.releaseSavepoint(beforeCopy);
                    return new Upserted(items.stream().map(item -> item.bar().time()).collect(Collectors.toSet()),
                            items.size());
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    // another writer stored some of these rows meanwhile: merge instead
                    connection.rollback(beforeCopy);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
            }
            copy(connection, "bars_stage", "bar_features_stage", symbol, timeframe, source, items);
            Set<Instant> stored = new HashSet<>();
            try (Statement statement = connection.createStatement()) {
                try (ResultSet merged = statement.executeQuery(BAR_MERGE + " RETURNING time")) {
                    while (merged.next()) {
                        stored.add(merged.getObject(1, OffsetDateTime.class).toInstant());
                    }
                }
                return new Upserted(stored, statement.executeUpdate(FEATURE_MERGE));
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A bar taken out of the warehouse with its features: its time, and its stored values as the provider's fields. */
    public record Withdrawn(Instant time, RawBar values) {
    }

    /**
     * Takes out, with their features, the bars of a source stored between two times (both excluded), but for those at
     * {@code kept}: the bars a provider's answer no longer holds.
     */
    public List<Withdrawn> withdraw(String symbol, Timeframe timeframe, String source, Instant after, Instant before,
            List<Instant> kept) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<Withdrawn> withdrawn = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(UNSENT)) {
                query.setString(1, symbol);
                query.setString(2, timeframe.code());
                query.setString(3, source);
                query.setObject(4, OffsetDateTime.ofInstant(after, ZoneOffset.UTC));
                query.setObject(5, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                query.setArray(6, timestamps(connection, kept));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Instant time = rows.getObject("time", OffsetDateTime.class).toInstant();
                        withdrawn.add(new Withdrawn(time, new RawBar(Long.toString(time.toEpochMilli()),
                                rows.getString("open"), rows.getString("high"), rows.getString("low"),
                                rows.getString("close"), rows.getString("volume"), rows.getString("vwap"),
                                rows.getString("trade_count"))));
                    }
                }
            }
            if (!withdrawn.isEmpty()) {
                for (String table : List.of("bar_features", "bars")) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                            + " WHERE symbol = ? AND timeframe = ? AND time = ANY (?)")) {
                        delete.setString(1, symbol);
                        delete.setString(2, timeframe.code());
                        delete.setArray(3, timestamps(connection, withdrawn.stream().map(Withdrawn::time).toList()));
                        delete.executeUpdate();
                    }
                }
            }
            return withdrawn;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Array timestamps(Connection connection, List<Instant> times) throws SQLException {
        return connection.createArrayOf("timestamptz", times.stream().map(Instant::toString).toArray(String[]::new));
    }

    /** Whether the warehouse holds a bar or features of the series between the items' first and last time. */
    private static boolean anyStoredBetween(Connection connection, String symbol, Timeframe timeframe,
            List<Accepted> items) throws SQLException {
        Instant first = items.get(0).bar().time();
        Instant last = first;
        for (Accepted item : items) {
            Instant time = item.bar().time();
            first = time.isBefore(first) ? time : first;
            last = time.isAfter(last) ? time : last;
        }
        try (PreparedStatement query = connection.prepareStatement(ANY_STORED)) {
            for (int table = 0; table < 2; table++) {
                query.setString(table * 4 + 1, symbol);
                query.setString(table * 4 + 2, timeframe.code());
                query.setObject(table * 4 + 3, OffsetDateTime.ofInstant(first, ZoneOffset.UTC));
                query.setObject(table * 4 + 4, OffsetDateTime.ofInstant(last, ZoneOffset.UTC));
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void copy(Connection connection, String barTable, String featureTable, String symbol,
            Timeframe timeframe, String source, List<Accepted> items) throws SQLException {
        CopyBinary bars = new CopyBinary();
        CopyBinary features = new CopyBinary();
        for (Accepted item : items) {
            Bar bar = item.bar();
            bars.row(KEY.size() + BAR_VALUES.size())
                    .value(symbol).value(timeframe.code()).value(bar.time())
                    .value(bar.open()).value(bar.high()).value(bar.low()).value(bar.close()).value(bar.volume())
                    .value(bar.vwap()).value(bar.tradeCount())
                    .value(item.assessment().qualityScore()).value(item.assessment().validated())
                    .value(item.assessment().flagCodes()).value(item.assessment().missingBars()).value(source);
            features.row(KEY.size() + FeatureColumns.STORED.size())
                    .value(symbol).value(timeframe.code()).value(bar.time());
            for (Object value : FeatureColumns.values(item.features())) {
                features.value(value);
            }
        }
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(copySql(barTable, BAR_VALUES), bars.finish());
            copy.copyIn(copySql(featureTable, FeatureColumns.STORED), features.finish());
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + barTable + " and " + featureTable + " failed", e);
        }
    }

    private static String copySql(String table, List<String> values) {
        return "COPY " + table + " (" + String.join(", ", columns(values)) + ") FROM STDIN WITH (FORMAT binary)";
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
