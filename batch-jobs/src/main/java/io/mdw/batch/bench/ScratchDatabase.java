package io.mdw.batch.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import io.mdw.db.WarehouseDatabase;
import io.mdw.db.embedded.EmbeddedWarehouse;

/**
 * A database of its own for one benchmark run, created on the embedded warehouse's server (or on a given server)
 * and dropped afterwards, so the benchmark never touches the warehouse's own data.
 */
final class ScratchDatabase implements AutoCloseable {

    private final WarehouseDatabase server;
    private final EmbeddedWarehouse embedded;
    private final String name;
    private final WarehouseDatabase database;

    private ScratchDatabase(WarehouseDatabase server, EmbeddedWarehouse embedded) throws SQLException {
        this.server = server;
        this.embedded = embedded;
        this.name = "mdw_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS"));
        execute(server, "CREATE DATABASE " + name);
        this.database = new WarehouseDatabase(
                server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]+/)[^/?]+", "$1" + name), server.user(),
                server.password());
    }

    /** On the embedded warehouse's server under mdwHome (started for the run when it is not running already). */
    static ScratchDatabase onEmbeddedWarehouse(Path mdwHome, int port) throws SQLException {
        EmbeddedWarehouse embedded = EmbeddedWarehouse.start(mdwHome, port);
        try {
            return new ScratchDatabase(embedded.database(), embedded);
        } catch (SQLException | RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** On the server of a database given by its JDBC URL (user and password may be URL parameters). */
    static ScratchDatabase onServerOf(String jdbcUrl) throws SQLException {
        return new ScratchDatabase(WarehouseDatabase.of(jdbcUrl, null, null), null);
    }

    WarehouseDatabase database() {
        return database;
    }

    String name() {
        return name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() throws SQLException {
        try {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void execute(WarehouseDatabase on, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(on.jdbcUrl(), on.user(), on.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
