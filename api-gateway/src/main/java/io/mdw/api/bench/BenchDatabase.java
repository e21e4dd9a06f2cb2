package io.mdw.api.bench;

import java.nio.file.Path;
import java.sql.SQLException;

import io.mdw.db.ScratchDatabase;
import io.mdw.db.WarehouseDatabase;
import io.mdw.db.embedded.EmbeddedWarehouse;

/** The benchmark's scratch database, on the server the API would use: MDW_DB_URL's, or the embedded one. */
final class BenchDatabase {

    private BenchDatabase() {
    }

    /** Creates and migrates it on the server that {@code mdw.db.*} (MDW_DB_*) names, or on the embedded one. */
    static ScratchDatabase create() throws SQLException {
        String url = setting("mdw.db.url", "MDW_DB_URL");
        ScratchDatabase scratch;
        if (url == null || url.isBlank()) {
            String home = setting("mdw.home", "MDW_HOME");
            String port = setting("mdw.embedded-port", "MDW_EMBEDDED_PORT");
            scratch = ScratchDatabase.onEmbeddedWarehouse(Path.of(home == null ? "./var" : home),
                    port == null ? EmbeddedWarehouse.DEFAULT_PORT : Integer.parseInt(port.strip()), "mdw_bench_api");
        } else {
            scratch = ScratchDatabase.onServerOf(WarehouseDatabase.of(url, setting("mdw.db.user", "MDW_DB_USER"),
                    setting("mdw.db.password", "MDW_DB_PASSWORD")), "mdw_bench_api");
        }
        try {
            return scratch.migrate();
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    /** A setting as the applications read it: a system property, else its environment variable. */
    private static String setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environmentVariable);
    }
}
