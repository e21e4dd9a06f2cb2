package io.mdw.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.db.testing.TestWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private final DataSource database = TestWarehouse.dataSource(TestWarehouse.newDatabaseUrl());

    @Test
    void createTheWarehouseSpringBatchAndQuartzTables() throws SQLException {
        MigrateResult result = flyway().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(17);
        assertThat(tables()).contains(
                "symbols", "bars", "bar_features", "rejected_bars", "provider_requests", "quality_daily",
                "batch_job_instance", "batch_job_execution", "batch_job_execution_params", "batch_step_execution",
                "batch_step_execution_context", "batch_job_execution_context",
                "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
                "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
                "qrtz_scheduler_state", "qrtz_locks", "api_keys", "api_key_audit");
        assertThat(strings("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"))
                .contains("batch_job_instance_seq", "batch_job_execution_seq", "batch_step_execution_seq");
        // a load's parameters and partitions are looked up by execution (LoadRecords), not scanned for
        assertThat(strings("SELECT indexdef FROM pg_indexes WHERE tablename IN ('batch_job_execution_params',"
                + " 'batch_step_execution', 'batch_job_execution')"))
                .anyMatch(index -> index.contains("batch_job_execution_params") && index.endsWith("(job_execution_id)"))
                .anyMatch(index -> index.contains("ON public.batch_step_execution ") && index.endsWith("(job_execution_id)"))
                .anyMatch(index -> index.contains("ON public.batch_job_execution ") && index.endsWith("(job_instance_id)"));
        // a running job's provider failures are read by its run, not by scanning every request
        assertThat(strings("SELECT indexdef FROM pg_indexes WHERE tablename = 'provider_requests'"))
                .anyMatch(index -> index.endsWith("(job_execution_id, symbol, timeframe, id)"));
    }

    /** A bar is stamped when it is written, not when its writer's transaction began (a load fetches in between). */
    @Test
    void stampABarWithTheTimeItIsWritten() throws SQLException {
        flyway().migrate();

        assertThat(strings("SELECT column_default FROM information_schema.columns WHERE table_name = 'bars'"
                + " AND column_name = 'ingested_at'")).containsExactly("clock_timestamp()");
    }

    @Test
    void applyingThemAgainChangesNothing() throws SQLException {
        flyway().migrate();
        List<String> tablesAfterFirstRun = tables();

        MigrateResult second = flyway().migrate();

        assertThat(second.migrationsExecuted).isZero();
        assertThat(tables()).isEqualTo(tablesAfterFirstRun);
    }

    @Test
    void leaveBarsPlainTablesOnPostgresWithoutTimescaleDb() throws SQLException {
        flyway().migrate();

        assertThat(strings("SELECT extname FROM pg_extension")).doesNotContain("timescaledb");
        assertThat(strings("SELECT relkind::text FROM pg_class WHERE relname IN ('bars', 'bar_features')")).containsOnly("r");
    }

    @Test
    void countTheGapDetectedBarsOfTheDaysAlreadyInQualityDaily() throws SQLException {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("5").load().migrate();
        execute("""
                INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score, validated,
                                  flags, source)
                VALUES ('GAPS', '1h', '2024-03-04T14:00:00Z', 1, 1, 1, 1, 1, 0.8, false, '{price_gap}', 'test'),
                       ('GAPS', '1h', '2024-03-04T15:00:00Z', 1, 1, 1, 1, 1, 0.9, true, '{missing_bars,volume_spike}', 'test'),
                       ('GAPS', '1h', '2024-03-04T16:00:00Z', 1, 1, 1, 1, 1, 0.9, true, '{volume_spike}', 'test'),
                       ('GAPS', '1h', '2024-03-05T14:00:00Z', 1, 1, 1, 1, 1, 1.0, true, '{}', 'test');
                INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                           gaps_detected, anomalies_detected, avg_quality_score, expected_records)
                VALUES ('GAPS', '1h', '2024-03-04', 3, 2, 0, 1, 2, 0.867, 7),
                       ('GAPS', '1h', '2024-03-05', 1, 1, 0, 0, 0, 1.000, 7)""");

        flyway().migrate();

        assertThat(strings("SELECT day || '=' || gap_detected_records FROM quality_daily ORDER BY day"))
                .containsExactly("2024-03-04=2", "2024-03-05=0");
    }

    @Test
    void deactivateTheSymbolsNoTickerCanBe() throws SQLException {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("10").load().migrate();
        execute("""
                INSERT INTO symbols (symbol, asset_class, provider_ticker) VALUES
                    ('X:', 'crypto', 'X:'), ('BRK.B', 'stock', 'BRK.B'), ('X:BTCUSD', 'crypto', 'X:BTCUSD')""");

        flyway().migrate();

        assertThat(strings("SELECT symbol || '=' || active FROM symbols ORDER BY symbol"))
                .containsExactly("BRK.B=true", "X:=false", "X:BTCUSD=true");
    }

    @Test
    void bringTheHistoryStartsOutsideTheWarehouseDatesWithinThem() throws SQLException {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("11").load().migrate();
        execute("""
                INSERT INTO symbols (symbol, asset_class, provider_ticker, history_start) VALUES
                    ('OLD', 'stock', 'OLD', '1000-01-01'), ('ANCIENT', 'stock', 'ANCIENT', '-infinity'),
                    ('BC', 'stock', 'BC', '4000-01-01 BC'), ('FIRST', 'stock', 'FIRST', '1900-01-01'),
                    ('RECENT', 'stock', 'RECENT', '2020-01-02'), ('FUTURE', 'stock', 'FUTURE', 'infinity'),
                    ('NONE', 'stock', 'NONE', NULL)""");

        flyway().migrate();

        assertThat(strings("SELECT symbol || '=' || coalesce(history_start::text, 'none') FROM symbols ORDER BY symbol"))
                .containsExactly("ANCIENT=1900-01-01", "BC=1900-01-01", "FIRST=1900-01-01", "FUTURE=none", "NONE=none",
                        "OLD=1900-01-01", "RECENT=2020-01-02");
    }

    @Test
    void nullTheStoredFeaturesThatAreNotFiniteNumbers() throws SQLException {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("12").load().migrate();
        execute("""
                INSERT INTO bar_features (symbol, timeframe, time, ret_1, log_ret_1, volatility_20, dollar_volume,
                                          rsi_avg_gain, trend_direction) VALUES
                    ('ZERO', '1m', '2024-03-04T14:00:00Z', -1, '-Infinity', 'NaN', 0, 0.5, 'down'),
                    ('ZERO', '1m', '2024-03-04T14:01:00Z', 'Infinity', 'Infinity', 'NaN', 'Infinity', 'NaN', 'up'),
                    ('ZERO', '1m', '2024-03-04T14:02:00Z', 0.25, 0.2231435513142098, 0.01, 1234.5, 0.25, 'up')""");

        flyway().migrate();

        assertThat(strings("""
                SELECT concat_ws(' ', ret_1, log_ret_1, volatility_20, dollar_volume, rsi_avg_gain, trend_direction)
                FROM bar_features ORDER BY time"""))
                .containsExactly("-1 0 0.5 down", "up", "0.25 0.2231435513142098 0.01 1234.5 0.25 up");
    }

    /**
     * ./mdw backfill --source sample --from 2023-03-14 --to 2023-03-14 after the whole sample was loaded; a reject of a
     * bar no load stored is kept.
     */
    @Test
    void dropTheRejectsOfTheBarsOfAFileOutsideItsLoadsWindowAndCountTheirDaysAgain() throws SQLException {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("13").load().migrate();
        execute("""
                INSERT INTO rejected_bars (symbol, timeframe, time, source, reason, raw_payload, source_line) VALUES
                    ('X:ETHUSD', '5m', '2023-03-13T18:00:00Z', 'file', 'timestamp 2023-03-13T18:00:00Z outside the'
                        || ' requested window [2023-03-14T00:00:00Z, 2023-03-15T00:00:00Z)', '{"t":1678730400000}', NULL),
                    ('X:ETHUSD', '5m', '2023-03-13T18:05:00Z', 'file', 'negative volume: -1', '{"v":-1}', NULL),
                    ('X:ETHUSD', '5m', '2023-03-15T00:05:00Z', 'file', 'line 3: timestamp 2023-03-15T00:05:00Z outside'
                        || ' the requested window [2023-03-14T00:00:00Z, 2023-03-15T00:00:00Z)', '1678838700000,1', 3),
                    ('X:ETHUSD', '5m', '2023-03-15T00:10:00Z', 'polygon', 'timestamp 2023-03-15T00:10:00Z outside the'
                        || ' requested window [2023-03-14T00:00:00Z, 2023-03-15T00:00:00Z)', '{"t":1678839000000}', NULL),
                    ('X:ETHUSD', '5m', '2023-03-16T00:00:00Z', 'file', 'timestamp 2023-03-16T00:00:00Z outside the'
                        || ' requested window [2023-03-14T00:00:00Z, 2023-03-15T00:00:00Z)', '{"t":1678924800000}', NULL);
                INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                           gaps_detected, anomalies_detected, gap_detected_records, avg_quality_score,
                                           expected_records)
                VALUES ('X:ETHUSD', '5m', '2023-03-13', 72, 72, 2, 0, 0, 0, 1.000, 288),
                       ('X:ETHUSD', '5m', '2023-03-14', 288, 288, 0, 0, 0, 0, 1.000, 288),
                       ('X:ETHUSD', '5m', '2023-03-15', 220, 220, 2, 0, 0, 0, 1.000, 288),
                       ('X:ETHUSD', '5m', '2023-03-16', 0, 0, 1, 0, 0, 0, NULL, 288);
                -- the bars of the whole sample's load: the warehouse holds the first two; no load stored 03-16 00:00
                INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score, validated,
                                  source)
                VALUES ('X:ETHUSD', '5m', '2023-03-13T18:00:00Z', 1, 1, 1, 1, 1, 1.0, true, 'file'),
                       ('X:ETHUSD', '5m', '2023-03-15T00:05:00Z', 1, 1, 1, 1, 1, 1.0, true, 'file')""");

        flyway().migrate();

        assertThat(strings("SELECT source || ': ' || reason FROM rejected_bars ORDER BY time")).containsExactly(
                "file: negative volume: -1", "polygon: timestamp 2023-03-15T00:10:00Z outside the requested window"
                        + " [2023-03-14T00:00:00Z, 2023-03-15T00:00:00Z)", "file: timestamp 2023-03-16T00:00:00Z outside"
                        + " the requested window [2023-03-14T00:00:00Z, 2023-03-15T00:00:00Z)");
        assertThat(strings("SELECT day || ' records ' || records || ' rejected ' || rejected_records FROM quality_daily"
                + " ORDER BY day")).containsExactly("2023-03-13 records 72 rejected 1",
                "2023-03-14 records 288 rejected 0", "2023-03-15 records 220 rejected 1",
                "2023-03-16 records 0 rejected 1");
    }

    /** A day's average was rounded to 3 decimals: recomputed exact from its bars; a day without bars keeps none. */
    @Test
    void keepEachDaysAverageQualityScoreUnrounded() throws SQLException {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("15").load().migrate();
        execute("""
                INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score, validated,
                                  source)
                VALUES ('THIRDS', '1h', '2024-03-04T14:00:00Z', 1, 1, 1, 1, 1, 0.95, true, 'test'),
                       ('THIRDS', '1h', '2024-03-04T15:00:00Z', 1, 1, 1, 1, 1, 0.95, true, 'test'),
                       ('THIRDS', '1h', '2024-03-04T16:00:00Z', 1, 1, 1, 1, 1, 0.96, true, 'test');
                INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                           gaps_detected, anomalies_detected, gap_detected_records, avg_quality_score,
                                           expected_records)
                VALUES ('THIRDS', '1h', '2024-03-04', 3, 3, 0, 0, 0, 0, 0.953, 24),
                       ('THIRDS', '1h', '2024-03-05', 0, 0, 1, 0, 0, 0, NULL, 24)""");

        flyway().migrate();

        assertThat(strings("SELECT day || '=' || coalesce(round(avg_quality_score, 10)::text, 'none') FROM quality_daily"
                + " ORDER BY day")).containsExactly("2024-03-04=0.9533333333", "2024-03-05=none");
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    }

    private List<String> strings(String query) throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
