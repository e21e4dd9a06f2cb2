package io.mdw.db.boot;

import java.nio.file.Path;

import io.mdw.db.DatabaseSettingException;
import io.mdw.db.WarehouseDatabase;
import io.mdw.db.embedded.EmbeddedWarehouse;
import org.springframework.core.env.PropertyResolver;

/**
 * Where the warehouse is, read the same way by the applications and by the commands that run before any application
 * context (the benchmarks, which pass a {@code StandardEnvironment}: system properties, then environment variables):
 * {@code mdw.db.*} (MDW_DB_URL, MDW_DB_USER, MDW_DB_PASSWORD), or else the embedded server under {@code mdw.home}
 * (MDW_HOME) on {@code mdw.embedded-port} (MDW_EMBEDDED_PORT).
 */
public final class WarehouseSettings {

    private WarehouseSettings() {
    }

    /** The database given by mdw.db.*, or null when none is. */
    public static WarehouseDatabase configured(PropertyResolver settings) {
        String url = settings.getProperty("mdw.db.url");
        if (url == null || url.isBlank()) {
            return null;
        }
        return WarehouseDatabase.of(url, settings.getProperty("mdw.db.user"), settings.getProperty("mdw.db.password"));
    }

    public static Path mdwHome(PropertyResolver settings) {
        String home = settings.getProperty("mdw.home");
        return Path.of(home == null || home.isBlank() ? "./var" : home.strip());
    }

    /** @throws DatabaseSettingException when the setting is not a port number */
    public static int embeddedPort(PropertyResolver settings) {
        String port = settings.getProperty("mdw.embedded-port", String.valueOf(EmbeddedWarehouse.DEFAULT_PORT)).strip();
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatabaseSettingException("MDW_EMBEDDED_PORT is '" + port + "': must be a port number (1-65535)");
    }
}
