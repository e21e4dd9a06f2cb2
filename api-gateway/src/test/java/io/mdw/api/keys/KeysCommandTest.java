package io.mdw.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mdw.api.ApiApplication;
import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code mdw keys create}: the key is printed once, only its hash is stored, and the creation is audited;
 * {@code mdw keys list}: the keys as a table, without the keys or their hashes.
 * Run as a user runs it, in a JVM of its own (its short-lived application must not share this JVM's
 * Reactor Netty and Quartz resources with the API tests' application).
 */
class KeysCommandTest {

    private final String databaseUrl = TestWarehouse.newDatabaseUrl();

    @TempDir
    Path mdwHome;

    @Test
    void createPrintsANewKeyOnceAndStoresItHashedWithAnAuditEntry() throws Exception {
        Result result = keys("create", "--name", "ops", "--scopes", "trigger");

        assertThat(result.status()).isZero();
        String key = result.out().lines().filter(line -> line.startsWith("mdw_")).findFirst().orElseThrow();
        JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.dataSource(databaseUrl));
        assertThat(jdbc.queryForMap("SELECT name, key_hash, array_to_string(scopes, ',') AS scopes FROM api_keys"))
                .containsEntry("name", "ops").containsEntry("key_hash", KeyMaterial.hash(key))
                .containsEntry("scopes", "trigger");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE key_hash = ?", Long.class, key)).isZero();
        String user = System.getProperty("user.name");
        assertThat(jdbc.queryForMap("SELECT a.api_key_id, a.key_name, a.action, a.remote_address, a.request_summary,"
                + " k.name AS target FROM api_key_audit a JOIN api_keys k ON k.id = a.target_key_id"))
                .containsEntry("api_key_id", null).containsEntry("key_name", "cli:" + user)
                .containsEntry("action", "key.create (mdw keys create)").containsEntry("target", "ops")
                .containsEntry("request_summary", "keys create --name ops --scopes trigger")
                .hasEntrySatisfying("remote_address", where -> assertThat((String) where).startsWith(user + "@"));
    }

    @Test
    void listPrintsTheKeysAsAnAlignedTableWithoutTheKeysOrTheirHashes() throws Exception {
        String key = keys("create", "--name", "ops", "--scopes", "trigger").out().lines()
                .filter(line -> line.startsWith("mdw_")).findFirst().orElseThrow();
        JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.dataSource(databaseUrl));
        jdbc.update("""
                INSERT INTO api_keys (name, key_hash, key_preview, scopes, active, revoked_at)
                VALUES ('old laptop', 'hash-of-a-revoked-key', 'mdw_abcd…', '{read,admin}', false, now())""");

        Result result = keys("list");

        assertThat(result.status()).isZero();
        assertThat(result.out()).doesNotContain(key, KeyMaterial.hash(key), "hash-of-a-revoked-key");
        List<String> lines = result.out().lines().toList();
        String header = lines.get(0);
        assertThat(header).matches("ID +NAME +PREVIEW +SCOPES +STATE +CREATED");
        String ops = lines.stream().filter(line -> line.contains(" ops ")).findFirst().orElseThrow();
        String revoked = lines.stream().filter(line -> line.contains(" old laptop ")).findFirst().orElseThrow();
        assertThat(ops).matches("\\d+ +ops +mdw_.{4}… +trigger +active +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(revoked).matches("\\d+ +old laptop +mdw_abcd… +read,admin +revoked +\\d{4}-.+Z");
        // each column starts where its heading does
        for (String row : List.of(ops, revoked)) {
            assertThat(columnStarts(row)).isEqualTo(columnStarts(header));
        }
    }

    @Test
    void anUnknownScopeIsRefusedWithTheValidOnes() throws Exception {
        Result result = keys("create", "--name", "x", "--scopes", "root");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("mdw keys create: Invalid scope 'root': valid scopes are read, trigger, admin"
                + " (see --help)" + System.lineSeparator());
    }

    @Test
    void aNameWithNothingVisibleIsABadOptionAndTheHelpListsTheExitStatuses() throws Exception {
        Result result = keys("create", "--name", " ");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith("mdw keys create: 'name' is required: 1 to ");

        Result help = keys("create", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).containsPattern("Exit status:\\s+0\\s+success\\s+1\\s+failure: the reason on one line")
                .containsPattern("2\\s+a bad option or argument");
    }

    @Test
    void anEmptyScopeListIsRefusedInOneLineAndNoKeyIsCreated() throws Exception {
        assertThat(keys("list").status()).as("the warehouse is migrated").isZero();

        Result result = keys("create", "--name", "nobody", "--scopes", ",");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("mdw keys create: 'scopes' must name at least one of read, trigger, admin"
                + " (see --help)" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
        JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.dataSource(databaseUrl));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE name = 'nobody'", Long.class)).isZero();
    }

    @Test
    void aBadSettingFailsTheCommandInOneLineWithoutTheKey() throws Exception {
        Result result = keys(List.of("-Dmdw.admin-api-key=short-SECRET-key"), "list");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("mdw keys list: MDW_ADMIN_API_KEY must be at least 20 characters, or unset;"
                + " generate one with: openssl rand -base64 32" + System.lineSeparator());
        assertThat(result.out()).as("the report is in MDW_HOME/logs/cli.log").isEmpty();
        assertThat(mdwHome.resolve("logs/cli.log")).content().contains("APPLICATION FAILED TO START")
                .doesNotContain("short-SECRET-key");
    }

    /** Where each cell of a line starts: after two spaces or more (a cell holds single spaces at most). */
    private static List<Integer> columnStarts(String line) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        Matcher gap = Pattern.compile(" {2,}").matcher(line);
        while (gap.find()) {
            starts.add(gap.end());
        }
        return starts;
    }

    private record Result(int status, String out, String err) {
    }

    private Result keys(String... args) throws IOException, InterruptedException {
        return keys(List.of(), args);
    }

    private Result keys(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmdw.db.url=" + databaseUrl));
        command.addAll(jvmOptions);
        command.addAll(List.of(ApiApplication.class.getName(), "keys"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MDW_HOME", mdwHome.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
