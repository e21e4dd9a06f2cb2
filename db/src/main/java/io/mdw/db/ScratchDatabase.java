package io.mdw.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import io.mdw.db.embedded.EmbeddedWarehouse;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for one benchmark run, created on the warehouse's server (a given one, or the embedded
 * PostgreSQL under MDW_HOME) and dropped on close or at JVM shutdown (Ctrl-C), so that a benchmark never reads or
 * writes the warehouse's own data.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final WarehouseDatabase server;
    private final EmbeddedWarehouse embedded;
    private final String name;
    private final WarehouseDatabase database;
    private final Thread dropOnShutdown = new Thread(this::release, "mdw-drop-scratch-database");
    private boolean released;

    private ScratchDatabase(WarehouseDatabase server, EmbeddedWarehouse embedded, String prefix) throws SQLException {
        this.server = server;
        this.embedded = embedded;
        this.name = prefix + "_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS"))
                + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        execute(server, "CREATE DATABASE " + name);
        this.database = new WarehouseDatabase(
                server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]+/)[^/?]+", "$1" + name), server.user(),
                server.password());
        Runtime.getRuntime().addShutdownHook(dropOnShutdown);
    }

    /** On the embedded warehouse's server under mdwHome (started for the run when it is not running already). */
    public static ScratchDatabase onEmbeddedWarehouse(Path mdwHome, int port, String prefix) throws SQLException {
        EmbeddedWarehouse embedded = EmbeddedWarehouse.start(mdwHome, port);
        try {
            return new ScratchDatabase(embedded.database(), embedded, prefix);
        } catch (SQLException | RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** On the server of the given database. */
    public static ScratchDatabase onServerOf(WarehouseDatabase server, String prefix) throws SQLException {
        return new ScratchDatabase(server, null, prefix);
    }

    /** Applies the warehouse's migrations, as the applications do at start-up. */
    public ScratchDatabase migrate() {
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();
        return this;
    }

    public WarehouseDatabase database() {
        return database;
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** Drops the database, then stops the embedded server if this run started it. */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            // FORCE: connections an interrupted run left open must not keep the scratch data on the server
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop the scratch database " + name + ": " + e.getMessage());
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    private static void execute(WarehouseDatabase on, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(on.jdbcUrl(), on.user(), on.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
