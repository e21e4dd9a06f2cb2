package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.mdw.batch.load.LoadLauncher;
import io.mdw.db.testing.TestWarehouse;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin and trigger commands leave an audit entry each, as {@code ./mdw keys create} does: who, what, when, where. */
class CommandAuditTest extends CommandLineTest {

    @Test
    void symbolsSubmitAndRestartAreAuditedWithTheOsUserTheHostTheArgumentsAndTheJob(@TempDir Path dir)
            throws Exception {
        assertThat(mdw("symbols", "add", "AAPL", "--timeframes", "1d,1h")).isZero();
        assertThat(mdw("symbols", "deactivate", "AAPL")).isZero();
        assertThat(mdw("submit", "--symbols", "MSFT", "--from", "2024-01-02", "--to", "2024-01-05")).isZero();
        String submitted = out.toString().strip().replaceAll("(?s).*: job ", "");
        assertThat(mdw("submit", "--symbols", "MSFT", "--from", "2024-01-03", "--to", "2024-01-05")).isZero();
        String failed = aFailedFileLoad(dir);
        assertThat(mdw("restart")).as(err.toString()).isZero();

        Instant before = Instant.now().minusSeconds(300);
        String user = System.getProperty("user.name");
        JdbcTemplate warehouse = new JdbcTemplate(TestWarehouse.dataSource(databaseUrl));
        assertThat(warehouse.query("""
                        SELECT api_key_id, key_name, action, method, path, remote_address, target_job_id,
                               request_summary, occurred_at FROM api_key_audit ORDER BY id""",
                (row, i) -> {
                    assertThat(row.getObject("api_key_id")).isNull();
                    assertThat(row.getTimestamp("occurred_at").toInstant()).isAfter(before);
                    return tuple(row.getString("key_name"), row.getString("action"), row.getString("method"),
                            row.getString("path"), row.getString("remote_address"), row.getString("target_job_id"),
                            row.getString("request_summary"));
                }))
                .containsExactly(
                        tuple("cli:" + user, "symbol.add (mdw symbols add)", "CLI", "mdw symbols add", where(user),
                                null, "symbols add AAPL --timeframes 1d,1h"),
                        tuple("cli:" + user, "symbol.deactivate (mdw symbols deactivate)", "CLI",
                                "mdw symbols deactivate", where(user), null, "symbols deactivate AAPL"),
                        tuple("cli:" + user, "load.submit (mdw submit)", "CLI", "mdw submit", where(user), submitted,
                                "submit --symbols MSFT --from 2024-01-02 --to 2024-01-05"),
                        // refused as a duplicate: the entry names the job already loading the series
                        tuple("cli:" + user, "load.submit (mdw submit)", "CLI", "mdw submit", where(user), submitted,
                                "submit --symbols MSFT --from 2024-01-03 --to 2024-01-05"),
                        tuple("cli:" + user, "load.restart (mdw restart)", "CLI", "mdw restart", where(user), failed,
                                "restart"));
    }

    /**
     * A file load recorded failed (as when its start failed), for ./mdw restart to pick up; returns its request id. Its
     * symbol is in the warehouse, untracked, as an import leaves it.
     */
    private String aFailedFileLoad(Path dir) throws Exception {
        new JdbcTemplate(TestWarehouse.dataSource(databaseUrl)).update("INSERT INTO symbols (symbol, asset_class,"
                + " provider_ticker, timeframes, active) VALUES ('IBMX', 'stock', 'IBMX', '{}', false)");
        Path csv = dir.resolve("ibmx.csv");
        Files.writeString(csv, "time,open,high,low,close,volume\n2024-01-02,187.15,188.44,183.885,185.64,82488674\n");
        LoadRequest request = new LoadRequest(LoadRequest.newId(), List.of("IBMX"), List.of(Timeframe.ONE_DAY),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-06T00:00:00Z"),
                LoadRequest.fileSource(csv.toString()));
        try (var context = BatchContext.start()) {
            context.getBean(LoadLauncher.class).recordFailedStart(request, "the disk was unplugged");
        }
        return request.requestId();
    }

    private static String where(String user) throws Exception {
        return user + "@" + InetAddress.getLocalHost().getHostName();
    }
}
