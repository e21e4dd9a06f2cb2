package io.mdw.batch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mdw.batch.load.LoadBarsJobConfiguration;
import io.mdw.batch.load.LoadLauncher;
import io.mdw.db.testing.TestWarehouse;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * scripts/backup.sh and scripts/restore.sh on a warehouse that holds a load (bars, features, daily quality, job and
 * scheduler state): the copy restored into a fresh database holds every row of every table.
 */
@SpringBootTest
class BackupRestoreScriptsTest {

    private static final String WAREHOUSE = TestWarehouse.newDatabaseUrl();
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("mdw.db.url", () -> WAREHOUSE);
    }

    @Autowired
    LoadLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path temp;

    @Test
    void aRestoredBackupHoldsEveryRowOfEveryTable() throws Exception {
        Assumptions.assumeTrue(hasPgDump(), "pg_dump is not installed (apt-get install postgresql-client)");
        assertThat(launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of("X:ETHUSD"),
                List.of(Timeframe.FIVE_MINUTES), Instant.parse("2023-03-13T00:00:00Z"),
                Instant.parse("2023-03-16T00:00:00Z"), LoadRequest.fileSource(LoadBarsJobConfiguration.SAMPLE)), null)
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path backup = temp.resolve("warehouse.dump");
        String restoredUrl = TestWarehouse.newDatabaseUrl();

        assertThat(run(WAREHOUSE, "backup.sh", backup.toString())).contains("backed up").contains(backup.toString());
        assertThat(run(restoredUrl, "restore.sh", backup.toString())).contains("restored");

        JdbcTemplate restored = new JdbcTemplate(TestWarehouse.dataSource(restoredUrl));
        Map<String, String> original = fingerprints(jdbc);
        assertThat(original).containsKeys("bars", "bar_features", "quality_daily", "symbols", "batch_job_execution",
                "flyway_schema_history");
        assertThat(original.get("bars")).startsWith("580 ");
        assertThat(fingerprints(restored)).isEqualTo(original);
    }

    @Test
    void restoreRefusesADatabaseThatHasAWarehouseUnlessToldToReplaceIt() throws Exception {
        Assumptions.assumeTrue(hasPgDump(), "pg_dump is not installed (apt-get install postgresql-client)");
        Path backup = temp.resolve("warehouse.dump");
        run(WAREHOUSE, "backup.sh", backup.toString());

        Process refused = script(WAREHOUSE, "restore.sh", backup.toString());
        assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("already has a warehouse").contains("--clean");

        String copy = TestWarehouse.newMigratedDatabaseUrl();
        assertThat(run(copy, "restore.sh", "--clean", backup.toString())).contains("restored");
        assertThat(fingerprints(new JdbcTemplate(TestWarehouse.dataSource(copy)))).isEqualTo(fingerprints(jdbc));
    }

    /** Per table of the public schema: its row count and an md5 of all its rows in a stable order. */
    private static Map<String, String> fingerprints(JdbcTemplate db) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : db.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1""", String.class)) {
            tables.put(table, db.queryForObject("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' "
                    + "ORDER BY t::text), '')) FROM \"" + table + "\" t", String.class));
        }
        return tables;
    }

    private static String run(String databaseUrl, String script, String... args) throws Exception {
        Process process = script(databaseUrl, script, args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(script + " said: " + output).isZero();
        return output;
    }

    private static Process script(String databaseUrl, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MDW_DB_URL", databaseUrl);
        builder.environment().remove("MDW_DB_USER");
        builder.environment().remove("MDW_DB_PASSWORD");
        return builder.start();
    }

    private static boolean hasPgDump() {
        return java.util.stream.Stream.of(String.valueOf(System.getenv("PATH")).split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pg_dump")));
    }
}
