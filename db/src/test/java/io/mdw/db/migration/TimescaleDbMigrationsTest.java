package io.mdw.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The production path: on TimescaleDB the bar tables become compressed hypertables. Needs a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class TimescaleDbMigrationsTest {

    @Container
    private static final PostgreSQLContainer timescale = new PostgreSQLContainer(
            DockerImageName.parse("timescale/timescaledb:latest-pg16").asCompatibleSubstituteFor("postgres"));

    @Test
    void turnBarsAndFeaturesIntoCompressedHypertablesKeepingTheirRows() throws SQLException {
        flyway().target(MigrationVersion.fromVersion("3")).load().migrate();
        execute("""
                INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score, validated, source)
                VALUES ('AAPL', '1d', now() - interval '90 days', 100.5, 101.25, 99.75, 100.125, 1234567, 1.00, true, 'test')""");

        flyway().load().migrate();

        assertThat(strings("SELECT hypertable_name FROM timescaledb_information.hypertables WHERE compression_enabled ORDER BY 1"))
                .containsExactly("bar_features", "bars");
        assertThat(strings("SELECT hypertable_name FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression' ORDER BY 1"))
                .containsExactly("bar_features", "bars");
        execute("SELECT compress_chunk(chunk) FROM show_chunks('bars') AS chunk");
        assertThat(strings("SELECT close::text FROM bars WHERE symbol = 'AAPL'")).containsExactly("100.125");
    }

    private static FluentConfiguration flyway() {
        return Flyway.configure()
                .dataSource(timescale.getJdbcUrl(), timescale.getUsername(), timescale.getPassword())
                .locations("classpath:db/migration");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> strings(String query) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(timescale.getJdbcUrl(), timescale.getUsername(), timescale.getPassword());
    }
}
