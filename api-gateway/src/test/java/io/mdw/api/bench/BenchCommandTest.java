package io.mdw.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mdw.api.ApiCommand;
import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code mdw bench api} at a tiny size: it prints both sides' figures and the ratio, and leaves no database behind. */
class BenchCommandTest {

    private final String serverUrl = TestWarehouse.newDatabaseUrl();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void forgetServer() {
        System.clearProperty("mdw.db.url");
    }

    @Test
    void printsTheRatesLatenciesAndRatioOfTheApiAndOfTheDirectSql() {
        System.setProperty("mdw.db.url", serverUrl);

        int status = ApiCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "api", "--symbols", "3", "--days", "30", "--connections", "4", "--duration", "1s", "--warmup", "1s",
                "--max-warmup", "6s");

        assertThat(status).as(err.toString()).isZero();
        // the test server runs on this machine: its CPU time is read where /proc tells it (Linux)
        String serverCpu = Files.isDirectory(Path.of("/proc")) ? "\\d+\\.\\d\\d" : "n/a";
        assertThat(out.toString())
                .contains("Loaded 3 symbols")
                .containsPattern("requests/s +p50 ms +p99 ms +errors +JVM CPU ms/req +PG CPU ms/req")
                .containsPattern("API +GET /api/v1/historical/\\{symbol\\} +\\d+\\.\\d +\\d+\\.\\d +\\d+\\.\\d +0 +\\d+\\.\\d\\d +"
                        + serverCpu + "\\n")
                .containsPattern("SQL +same read over JDBC, plain columns +\\d+\\.\\d +\\d+\\.\\d +\\d+\\.\\d +0 +\\d+\\.\\d\\d +"
                        + serverCpu + "\\n")
                .containsPattern("API/direct: \\d+\\.\\d\\d of the direct-SQL rate");
        // at least --warmup, at most --max-warmup: in between until the JIT settles
        Matcher warmUps = Pattern.compile("Warm-up: API (\\d+) s, SQL (\\d+) s").matcher(out.toString());
        assertThat(warmUps.find()).as(out.toString()).isTrue();
        assertThat(Integer.parseInt(warmUps.group(1))).isBetween(1, 6);
        assertThat(Integer.parseInt(warmUps.group(2))).isBetween(1, 6);
        JdbcTemplate server = new JdbcTemplate(TestWarehouse.dataSource(serverUrl));
        assertThat(server.queryForList("SELECT datname FROM pg_database WHERE datname LIKE 'mdw_bench_api_%'", String.class))
                .isEmpty();
    }

    @Test
    void refusesANonPositiveDuration() {
        int status = ApiCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "api", "--duration", "0s");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--duration must be positive");
    }

    @Test
    void refusesADurationItCannotReadSayingWhatItTakes() {
        int status = ApiCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "api", "--duration", "soon");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration; use e.g. 30s, 500ms, 2m or PT30S")
                .doesNotContain("Exception");
    }

    @Test
    void refusesAMaximumWarmupShorterThanTheMinimum() {
        int status = ApiCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "api",
                "--warmup", "60s", "--max-warmup", "30s");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--max-warmup must not be less than --warmup");
    }
}
