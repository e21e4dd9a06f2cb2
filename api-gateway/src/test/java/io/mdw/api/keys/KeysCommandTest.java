package io.mdw.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code mdw keys create}: the key is printed once, only its hash is stored, and the creation is audited. */
class KeysCommandTest {

    private final String databaseUrl = TestWarehouse.newDatabaseUrl();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void forgetDatabase() {
        System.clearProperty("mdw.db.url");
    }

    @Test
    void createPrintsANewKeyOnceAndStoresItHashedWithAnAuditEntry() {
        System.setProperty("mdw.db.url", databaseUrl);

        int status = KeysCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "create", "--name", "ops", "--scopes", "trigger");

        assertThat(status).isZero();
        String key = out.toString().lines().filter(line -> line.startsWith("mdw_")).findFirst().orElseThrow();
        JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.dataSource(databaseUrl));
        assertThat(jdbc.queryForMap("SELECT name, key_hash, array_to_string(scopes, ',') AS scopes FROM api_keys"))
                .containsEntry("name", "ops").containsEntry("key_hash", KeyMaterial.hash(key))
                .containsEntry("scopes", "trigger");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE key_hash = ?", Long.class, key)).isZero();
        assertThat(jdbc.queryForObject("SELECT action FROM api_key_audit", String.class)).startsWith("key.create");
    }

    @Test
    void anUnknownScopeIsRefusedWithTheValidOnes() {
        System.setProperty("mdw.db.url", databaseUrl);

        int status = KeysCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "create", "--name", "x", "--scopes", "root");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("Invalid scope 'root': valid scopes are read, trigger, admin");
    }
}
