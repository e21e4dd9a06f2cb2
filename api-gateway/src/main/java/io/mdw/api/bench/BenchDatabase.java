package io.mdw.api.bench;

import java.sql.SQLException;

import io.mdw.db.ScratchDatabase;
import io.mdw.db.WarehouseDatabase;
import io.mdw.db.boot.WarehouseSettings;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/** The benchmark's scratch database, on the server the API would use: MDW_DB_URL's, or the embedded one. */
final class BenchDatabase {

    private BenchDatabase() {
    }

    /** Creates and migrates it on the server that {@code mdw.db.*} (MDW_DB_*) names, or on the embedded one. */
    static ScratchDatabase create() throws SQLException {
        Environment settings = new StandardEnvironment();
        WarehouseDatabase configured = WarehouseSettings.configured(settings);
        ScratchDatabase scratch = configured != null
                ? ScratchDatabase.onServerOf(configured, "mdw_bench_api")
                : ScratchDatabase.onEmbeddedWarehouse(WarehouseSettings.mdwHome(settings),
                        WarehouseSettings.embeddedPort(settings), "mdw_bench_api");
        try {
            return scratch.migrate();
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }
}
