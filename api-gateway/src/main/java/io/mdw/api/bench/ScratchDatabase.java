package io.mdw.api.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import io.mdw.db.WarehouseDatabase;
import io.mdw.db.embedded.EmbeddedWarehouse;
import org.flywaydb.core.Flyway;

/**
 * A fresh, migrated database on the warehouse server (MDW_DB_URL's server, or the embedded PostgreSQL under MDW_HOME),
 * dropped on close, so that a benchmark never reads or writes the user's data. A JVM shutdown (Ctrl-C) drops it too.
 */
final class ScratchDatabase implements AutoCloseable {

    private final WarehouseDatabase server;
    private final EmbeddedWarehouse embedded;
    private final String name;
    private final WarehouseDatabase database;
    private final Thread closeOnShutdown = new Thread(this::release, "mdw-bench-drop-scratch-database");
    private boolean released;

    private ScratchDatabase(WarehouseDatabase server, EmbeddedWarehouse embedded, String name) {
        this.server = server;
        this.embedded = embedded;
        this.name = name;
        this.database = new WarehouseDatabase(server.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/?]+/)[^/?]+", "$1" + name),
                server.user(), server.password());
    }

    /** Creates and migrates the database on the server that {@code mdw.db.*} (MDW_DB_*) names, or on the embedded one. */
    static ScratchDatabase create() throws SQLException {
        String url = setting("mdw.db.url", "MDW_DB_URL");
        EmbeddedWarehouse embedded = null;
        WarehouseDatabase server;
        if (url == null || url.isBlank()) {
            String home = setting("mdw.home", "MDW_HOME");
            String port = setting("mdw.embedded-port", "MDW_EMBEDDED_PORT");
            embedded = EmbeddedWarehouse.start(Path.of(home == null ? "./var" : home),
                    port == null ? EmbeddedWarehouse.DEFAULT_PORT : Integer.parseInt(port.strip()));
            server = embedded.database();
        } else {
            server = WarehouseDatabase.of(url, setting("mdw.db.user", "MDW_DB_USER"), setting("mdw.db.password", "MDW_DB_PASSWORD"));
        }
        String name = "mdw_bench_api_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        execute(server, "CREATE DATABASE " + name);
        ScratchDatabase scratch = new ScratchDatabase(server, embedded, name);
        Runtime.getRuntime().addShutdownHook(scratch.closeOnShutdown);
        Flyway.configure().dataSource(scratch.database.jdbcUrl(), scratch.database.user(), scratch.database.password())
                .locations("classpath:db/migration").load().migrate();
        return scratch;
    }

    String name() {
        return name;
    }

    WarehouseDatabase database() {
        return database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnShutdown);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    /** Drops the database, then stops the embedded server if this run started it. */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            // FORCE: connections that an interrupted run left open must not keep the scratch data on the server
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("mdw bench: could not drop the scratch database " + name + ": " + e.getMessage());
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    private static void execute(WarehouseDatabase server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A setting as the applications read it: a system property, else its environment variable. */
    private static String setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environmentVariable);
    }
}
