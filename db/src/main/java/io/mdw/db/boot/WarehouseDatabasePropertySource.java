package io.mdw.db.boot;

import io.mdw.db.WarehouseDatabase;
import io.mdw.db.embedded.EmbeddedWarehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Answers {@code spring.datasource.*} (and {@code spring.r2dbc.*}) from {@code mdw.db.*}, or from the embedded warehouse
 * when {@code mdw.db.url} is not set.
 *
 * <p>It decides on first use rather than when the environment is prepared, because test properties
 * ({@code @DynamicPropertySource}) are only added to the environment after that.
 */
final class WarehouseDatabasePropertySource extends PropertySource<Object> implements AutoCloseable {

    static final String NAME = "mdwWarehouseDatabase";

    private static final Logger log = LoggerFactory.getLogger(WarehouseDatabasePropertySource.class);

    // Not the source of this property source: Spring Boot would take an Environment source for nested property sources.
    private final Environment environment;
    private final boolean r2dbc;
    private WarehouseDatabase database;
    private EmbeddedWarehouse embedded;

    WarehouseDatabasePropertySource(Environment environment, boolean r2dbc) {
        super(NAME, new Object());
        this.environment = environment;
        this.r2dbc = r2dbc;
    }

    @Override
    public Object getProperty(String name) {
        return switch (name) {
            case "spring.datasource.url" -> database().jdbcUrl();
            case "spring.datasource.username" -> database().user();
            case "spring.datasource.password" -> database().password();
            case "spring.r2dbc.url" -> r2dbc ? database().r2dbcUrl() : null;
            case "spring.r2dbc.username" -> r2dbc ? database().user() : null;
            case "spring.r2dbc.password" -> r2dbc ? database().password() : null;
            default -> null;
        };
    }

    synchronized WarehouseDatabase database() {
        if (database == null) {
            database = WarehouseSettings.configured(environment);
            if (database == null) {
                embedded = EmbeddedWarehouse.start(WarehouseSettings.mdwHome(environment),
                        WarehouseSettings.embeddedPort(environment));
                database = embedded.database();
                log.info("Warehouse database: embedded PostgreSQL in {}, {}", embedded.dataDirectory(), database.describe());
            } else {
                log.info("Warehouse database: {}", database.describe());
            }
        }
        return database;
    }

    /** Stops the embedded server if this application started it. */
    @Override
    public synchronized void close() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
            database = null;
        }
    }
}
