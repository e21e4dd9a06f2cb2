package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A setting with a bad value, as an operator sees it: the command fails at once with status 1 and one line naming the
 * variable, its value and what it must be (the stack trace and Spring Boot's report go to the log). The variables are
 * given as system properties here, which the placeholders of application.yml and quartz-defaults.properties read as
 * they read the environment.
 */
class SettingsTest extends CommandLineTest {

    private final List<String> set = new ArrayList<>();

    @AfterEach
    void unset() {
        set.forEach(System::clearProperty);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MDW_BATCH_CHUNK_SIZE     | abc        | MDW_BATCH_CHUNK_SIZE is 'abc': must be a whole number
            MDW_BATCH_CHUNK_SIZE     | 0          | MDW_BATCH_CHUNK_SIZE is '0': must be greater than or equal to 1
            MDW_BATCH_CHUNK_SIZE     | 99999999999 | MDW_BATCH_CHUNK_SIZE is '99999999999': must be at most 2147483647
            MDW_BATCH_CONCURRENCY    | 0          | MDW_BATCH_CONCURRENCY is '0': must be greater than or equal to 1
            POLYGON_CALLS_PER_MINUTE | -1         | POLYGON_CALLS_PER_MINUTE is '-1': must be greater than or equal to 1
            POLYGON_PAGE_LIMIT       | 0          | POLYGON_PAGE_LIMIT is '0': must be greater than or equal to 1
            POLYGON_MAX_ATTEMPTS     | 0          | POLYGON_MAX_ATTEMPTS is '0': must be greater than or equal to 1
            POLYGON_REQUEST_TIMEOUT  | soon       | POLYGON_REQUEST_TIMEOUT is 'soon': must be a duration such as 500ms, 30s, 5m or 1d
            POLYGON_INITIAL_BACKOFF  | -1s        | POLYGON_INITIAL_BACKOFF is '-1s': must be a positive duration such as 2s
            POLYGON_BASE_URL         | ftp://x.io | POLYGON_BASE_URL must be an http:// or https:// URL with a host, such as https://api.polygon.io
            MDW_DB_POOL_SIZE         | 0          | MDW_DB_POOL_SIZE is '0': maxPoolSize cannot be less than 1
            mdw.validation.extreme-move            | -0.2 | mdw.validation.extreme-move is '-0.2': must be greater than 0
            mdw.validation.price-gap               | 0    | mdw.validation.price-gap is '0': must be greater than 0
            mdw.validation.volume-spike-multiple   | 0.5  | mdw.validation.volume-spike-multiple is '0.5': must be greater than or equal to 1
            mdw.validation.volume-drought-multiple | 2    | mdw.validation.volume-drought-multiple is '2': must be less than or equal to 1
            mdw.validation.volume-window           | 0    | mdw.validation.volume-window is '0': must be greater than or equal to 1
            mdw.validation.volume-window           | 5000 | mdw.validation.volume-window is '5000': must be less than or equal to 1000
            mdw.validation.validated-score         | high | mdw.validation.validated-score is 'high': must be a number
            """)
    void aLoadCommandRefusesABadSettingOfTheBatchNodeInOneLine(String variable, String value, String line) {
        set(variable, value);

        int status = mdw("backfill", "--source", "sample");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mdw backfill: " + line + System.lineSeparator());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MDW_SCHEDULE_CRON             | nonsense  | MDW_SCHEDULE_CRON is 'nonsense': must be a Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year], one of day-of-month and day-of-week '?', e.g. '0 0 2 * * ?' for 02:00 every day
            MDW_SCHEDULE_ZONE             | Mars/Base | MDW_SCHEDULE_ZONE is 'Mars/Base': must be a time zone such as UTC or America/New_York
            MDW_NIGHTLY_OVERLAP_BARS      | -1        | MDW_NIGHTLY_OVERLAP_BARS is '-1': must be greater than or equal to 0
            MDW_NIGHTLY_DEFAULT_LOOKBACK  | forever   | MDW_NIGHTLY_DEFAULT_LOOKBACK is 'forever': must be a duration such as 500ms, 30s, 5m or 1d
            MDW_SCHEDULER_THREADS         | 0         | MDW_SCHEDULER_THREADS is '0': must be greater than or equal to 1
            MDW_SCHEDULER_IDLE_WAIT_MS    | 10        | MDW_SCHEDULER_IDLE_WAIT_MS is '10': must be greater than or equal to 1000
            MDW_CLUSTER_CHECKIN_MS        | abc       | MDW_CLUSTER_CHECKIN_MS is 'abc': must be a whole number
            MDW_MISFIRE_THRESHOLD_MS      | 0         | MDW_MISFIRE_THRESHOLD_MS is '0': must be greater than or equal to 1
            """)
    void everyCommandRefusesABadSettingOfTheClusterInOneLine(String variable, String value, String line) {
        set(variable, value);

        int status = mdw("jobs");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mdw jobs: " + line + System.lineSeparator());
    }

    @Test
    void aTunedValidationThresholdIsTheOneTheRulesApply() {
        assertThat(mdw("backfill", "--source", "sample")).isZero();
        int gapsByDefault = barsFlagged("price_gap");
        set("mdw.validation.price-gap", "0.0001");
        System.setProperty("mdw.db.url", TestWarehouse.newDatabaseUrl());

        assertThat(mdw("backfill", "--source", "sample")).isZero();

        // a hundredth of a percent between a close and the next open: most of the sample's 5-minute bars
        assertThat(barsFlagged("price_gap")).isGreaterThan(100).isGreaterThan(gapsByDefault * 10);
    }

    @Test
    void aVolumeWindowLongerThanTheFeaturesLookBackFlagsAResumedLoadAsAFullOne() {
        // a spike is any volume above the median of the 100 bars before: the rule needs 100 bars of history
        set("mdw.validation.volume-window", "100");
        set("mdw.validation.volume-spike-multiple", "1");
        assertThat(mdw("backfill", "--source", "sample")).isZero();
        Map<String, String> fullRun = flagsByTime();
        System.setProperty("mdw.db.url", TestWarehouse.newDatabaseUrl());

        assertThat(mdw("backfill", "--source", "sample", "--to", "2023-03-14T12:00:00Z")).isZero();
        assertThat(mdw("backfill", "--source", "sample", "--from", "2023-03-14T12:00:00Z")).isZero();

        assertThat(flagsByTime()).hasSize(580).isEqualTo(fullRun);
        assertThat(fullRun.values()).filteredOn(flags -> flags.contains("volume_spike")).hasSizeGreaterThan(50);
    }

    @Test
    void aNodeRefusesABadStalenessRefreshBeforeItServes() {
        set("MANAGEMENT_SERVER_PORT", "0");
        set("MDW_METRICS_STALENESS_REFRESH", "often");

        int status = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> mdw("node"));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mdw node: MDW_METRICS_STALENESS_REFRESH is 'often': must be a duration"
                + " such as 500ms, 30s, 5m or 1d" + System.lineSeparator());
    }

    @Test
    void aWarehouseThatCannotBeReachedIsNamedWithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        System.setProperty("mdw.db.url", "jdbc:postgresql://localhost:" + closed + "/mdw?user=mdw&password=SECRET-DB");

        int status = mdw("jobs");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mdw jobs: Cannot connect to the warehouse database jdbc:postgresql://localhost:"
                + closed + "/mdw?user=mdw&password=*** as user mdw: Connection to localhost:" + closed + " refused. Check"
                + " that the hostname and port are correct and that the postmaster is accepting TCP/IP connections."
                + System.lineSeparator());
    }

    private static Map<String, String> flagsByTime() {
        Map<String, String> flags = new TreeMap<>();
        currentWarehouse().query("SELECT time::text, flags::text FROM bars", row -> {
            flags.put(row.getString(1), row.getString(2));
        });
        return flags;
    }

    private static int barsFlagged(String flag) {
        return currentWarehouse().queryForObject("SELECT count(*) FROM bars WHERE ? = ANY(flags)", Integer.class, flag);
    }

    /** The database the commands use now. */
    /** The warehouse the commands use now: a test here points mdw.db.url at a new one on the way. */
    private static JdbcTemplate currentWarehouse() {
        return new JdbcTemplate(TestWarehouse.dataSource(System.getProperty("mdw.db.url")));
    }

    private void set(String variable, String value) {
        System.setProperty(variable, value);
        set.add(variable);
    }
}
