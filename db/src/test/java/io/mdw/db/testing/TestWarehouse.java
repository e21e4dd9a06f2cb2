package io.mdw.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real PostgreSQL databases for tests: one embedded server per JVM (temporary directory, random port, stopped when the
 * JVM exits), and a fresh database for each call, so tests never see each other's rows.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     registry.add("mdw.db.url", TestWarehouse::newDatabaseUrl);
 * }
 * }</pre>
 */
public final class TestWarehouse {

    public static final String USER = "postgres";

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static String migratedTemplate;

    private TestWarehouse() {
    }

    /** A new, empty database; its JDBC URL carries the user, so it is all {@code mdw.db.url} needs. */
    public static String newDatabaseUrl() {
        return jdbcUrl(createDatabase(null));
    }

    /** A new database with all of the warehouse's migrations applied. */
    public static DataSource newMigratedDatabase() {
        return dataSource(jdbcUrl(createDatabase(migratedTemplate())));
    }

    /** The JDBC URL of a new database with all of the warehouse's migrations applied. */
    public static String newMigratedDatabaseUrl() {
        return jdbcUrl(createDatabase(migratedTemplate()));
    }

    /** A DataSource on a database made by this class, given its URL. */
    public static DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    /** Runs the warehouse's Flyway migrations on a database, as the applications do at start-up. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    // Migrating once and copying the result keeps each migrated database at the cost of a CREATE DATABASE.
    private static synchronized String migratedTemplate() {
        if (migratedTemplate == null) {
            String name = createDatabase(null);
            migrate(dataSource(jdbcUrl(name)));
            migratedTemplate = name;
        }
        return migratedTemplate;
    }

    private static String createDatabase(String template) {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=" + USER;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }
}
