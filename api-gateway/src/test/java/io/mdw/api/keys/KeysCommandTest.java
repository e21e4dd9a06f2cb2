package io.mdw.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mdw.api.ApiApplication;
import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code mdw keys create}: the key is printed once, only its hash is stored, and the creation is audited.
 * Run as a user runs it, in a JVM of its own (its short-lived application must not share this JVM's
 * Reactor Netty and Quartz resources with the API tests' application).
 */
class KeysCommandTest {

    private final String databaseUrl = TestWarehouse.newDatabaseUrl();

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
        assertThat(jdbc.queryForObject("SELECT action FROM api_key_audit", String.class)).startsWith("key.create");
    }

    @Test
    void anUnknownScopeIsRefusedWithTheValidOnes() throws Exception {
        Result result = keys("create", "--name", "x", "--scopes", "root");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("Invalid scope 'root': valid scopes are read, trigger, admin");
    }

    private record Result(int status, String out, String err) {
    }

    private Result keys(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmdw.db.url=" + databaseUrl,
                ApiApplication.class.getName(), "keys"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
