package io.mdw.db.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mdw.db.DatabaseSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class WarehouseDatabaseEnvironmentPostProcessorTest {

    @TempDir
    Path mdwHome;

    @Test
    void pointsSpringAtTheDatabaseGivenByTheEnvironment() {
        try (ConfigurableApplicationContext app = start(Map.of(
                "MDW_DB_URL", "jdbc:postgresql://db.example:5433/warehouse?sslmode=require",
                "MDW_DB_USER", "mdw",
                "MDW_DB_PASSWORD", "s3cret"))) {
            Environment environment = app.getEnvironment();

            assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5433/warehouse?sslmode=require");
            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("mdw");
            assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("s3cret");
            assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://db.example:5433/warehouse?sslMode=require");
            assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("mdw");
            assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("s3cret");
            assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/migration");
            assertThat(mdwHome).isEmptyDirectory();
        }
    }

    @Test
    void takesTheUserFromTheUrlWhenNotGivenSeparately() {
        try (ConfigurableApplicationContext app = start(Map.of("MDW_DB_URL", "jdbc:postgresql://localhost:5432/test_1?user=postgres"))) {
            assertThat(app.getEnvironment().getProperty("spring.datasource.username")).isEqualTo("postgres");
            assertThat(app.getEnvironment().getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://localhost:5432/test_1");
        }
    }

    @Test
    void decodesCredentialsInTheUrlAsTheJdbcDriverDoesSoThatR2dbcGetsTheSamePassword() {
        try (ConfigurableApplicationContext app = start(Map.of(
                "MDW_DB_URL", "jdbc:postgresql://localhost:5432/test_1?user=mdw%40ops&password=p%40ss%26w%3Drd"))) {
            Environment environment = app.getEnvironment();

            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("mdw@ops");
            assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("p@ss&w=rd");
            assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("mdw@ops");
            assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("p@ss&w=rd");
            assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://localhost:5432/test_1");
        }
    }

    @Test
    void refusesAPasswordInTheUrlThatIsNotUrlEncodedWithoutQuotingIt() {
        assertThatThrownBy(() -> start(Map.of("MDW_DB_URL", "jdbc:postgresql://db.example:5432/warehouse?user=mdw&password=50%SECRET")))
                .isInstanceOf(DatabaseSettingException.class)
                .hasMessage("MDW_DB_URL's password= is not URL-encoded: write % as %25");
    }

    @Test
    void usesADatabaseUrlAddedAfterTheEnvironmentIsPrepared() {
        // @DynamicPropertySource adds its properties this late, from an initializer
        String url = "jdbc:postgresql://localhost:5432/test_2?user=postgres";
        ApplicationContextInitializer<ConfigurableApplicationContext> dynamicProperties = context -> context.getEnvironment()
                .getPropertySources().addFirst(new MapPropertySource("dynamic", Map.of("mdw.db.url", url)));

        try (ConfigurableApplicationContext app = builder(Map.of("MDW_HOME", mdwHome.toString())).initializers(dynamicProperties).run()) {
            assertThat(app.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
            assertThat(mdwHome).as("no embedded server started").isEmptyDirectory();
        }
    }

    @Test
    void refusesToStartWithAnInvalidDatabaseUrl() {
        assertThatThrownBy(() -> start(Map.of("MDW_DB_URL", "mysql://db.example/warehouse?password=s3cret", "MDW_DB_USER", "mdw")))
                .isInstanceOf(DatabaseSettingException.class)
                .hasMessage("MDW_DB_URL is 'mysql://db.example/warehouse?password=***': must look like jdbc:postgresql://host:5432/database");
    }

    @Test
    void refusesToStartWithoutAUser() {
        assertThatThrownBy(() -> start(Map.of("MDW_DB_URL", "jdbc:postgresql://db.example:5432/warehouse")))
                .isInstanceOf(DatabaseSettingException.class)
                .hasMessage("MDW_DB_USER is missing: set it, or add user=... to MDW_DB_URL");
    }

    @Test
    void refusesToStartWithAnInvalidEmbeddedPort() {
        assertThatThrownBy(() -> start(Map.of("MDW_HOME", mdwHome.toString(), "MDW_EMBEDDED_PORT", "fifty")))
                .isInstanceOf(DatabaseSettingException.class)
                .hasMessage("MDW_EMBEDDED_PORT is 'fifty': must be a port number (1-65535)");
    }

    @Test
    void reportsABadSettingAsOneLineWithoutAStackTrace() {
        var failure = new DatabaseSettingException("MDW_DB_USER is missing: set it, or add user=... to MDW_DB_URL");

        var analysis = new DatabaseSettingFailureAnalyzer().analyze(new IllegalStateException("wrapped", failure));

        assertThat(analysis.getDescription()).isEqualTo("MDW_DB_USER is missing: set it, or add user=... to MDW_DB_URL");
        assertThat(analysis.getAction()).contains("MDW_DB_URL");
    }

    @Test
    void withoutADatabaseUrlStartsAnEmbeddedWarehouseWhoseDataSurvivesARestart() throws SQLException {
        Map<String, String> variables = Map.of("MDW_HOME", mdwHome.toString());
        try (ConfigurableApplicationContext app = start(variables)) {
            assertThat(app.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://localhost:");
            assertThat(app.getEnvironment().getProperty("spring.r2dbc.url")).startsWith("r2dbc:postgresql://localhost:");
            update(app.getEnvironment(), "CREATE TABLE notes (text text)", "INSERT INTO notes VALUES ('kept')");
            assertThat(mdwHome.resolve("postgres/postmaster.pid")).exists();
        }
        assertThat(mdwHome.resolve("postgres/postmaster.pid")).as("server stopped with the application").doesNotExist();

        try (ConfigurableApplicationContext app = start(variables)) {
            assertThat(query(app.getEnvironment(), "SELECT text FROM notes")).isEqualTo("kept");
        }
    }

    @Test
    void aSecondApplicationOnTheSameHomeUsesTheRunningServerAndLeavesItRunning() throws SQLException {
        Map<String, String> variables = Map.of("MDW_HOME", mdwHome.toString());
        try (ConfigurableApplicationContext first = start(variables)) {
            String url = first.getEnvironment().getProperty("spring.datasource.url");
            update(first.getEnvironment(), "CREATE TABLE notes (text text)", "INSERT INTO notes VALUES ('shared')");

            try (ConfigurableApplicationContext second = start(variables)) {
                assertThat(second.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
                assertThat(query(second.getEnvironment(), "SELECT text FROM notes")).isEqualTo("shared");
            }

            assertThat(query(first.getEnvironment(), "SELECT text FROM notes")).isEqualTo("shared");
        }
        assertThat(mdwHome.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(Files.exists(mdwHome.resolve("postgres/PG_VERSION"))).isTrue();
    }

    @Test
    void aBootAppWithJdbcAndFlywayGetsAMigratedEmbeddedWarehouse() throws SQLException {
        try (ConfigurableApplicationContext app = builder(Map.of("MDW_HOME", mdwHome.toString()))
                .sources(JdbcAndFlyway.class).run();
             Connection connection = app.getBean(DataSource.class).getConnection();
             ResultSet bars = connection.getMetaData().getTables(null, "public", "bars", null)) {
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:postgresql://localhost:");
            assertThat(bars.next()).isTrue();
        }
    }

    @Test
    void theEmbeddedWarehouseStopsOnlyAfterTheApplicationHasClosed() throws SQLException {
        try (ConfigurableApplicationContext app = builder(Map.of("MDW_HOME", mdwHome.toString()))
                .sources(UsesTheWarehouseWhileClosing.class).run()) {
            update(app.getEnvironment(), "CREATE TABLE notes (text text)", "INSERT INTO notes VALUES ('read on close')");
        }

        assertThat(UsesTheWarehouseWhileClosing.readOnClose).hasValue("read on close");
        assertThat(mdwHome.resolve("postgres/postmaster.pid")).as("server stopped after the application").doesNotExist();
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Configuration(proxyBeanMethods = false)
    static class UsesTheWarehouseWhileClosing {

        static final AtomicReference<String> readOnClose = new AtomicReference<>();

        /** As Quartz does when the application closes: it waits for the running loads, which still use the warehouse. */
        @Bean
        DisposableBean finishesItsWorkOnClose(Environment environment) {
            String url = environment.getProperty("spring.datasource.url");
            String user = environment.getProperty("spring.datasource.username");
            return () -> {
                try (Connection connection = DriverManager.getConnection(url, user, "");
                     ResultSet rows = connection.createStatement().executeQuery("SELECT text FROM notes")) {
                    rows.next();
                    readOnClose.set(rows.getString(1));
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class JdbcAndFlyway {
    }

    /** Starts a Spring Boot application that sees exactly these environment variables. */
    private static ConfigurableApplicationContext start(Map<String, String> variables) {
        return builder(variables).run();
    }

    private static SpringApplicationBuilder builder(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        return new SpringApplicationBuilder(NoBeans.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false);
    }

    private static Connection connect(Environment environment) throws SQLException {
        return DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
    }

    private static void update(Environment environment, String... statements) throws SQLException {
        try (Connection connection = connect(environment); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(Environment environment, String sql) throws SQLException {
        try (Connection connection = connect(environment);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
