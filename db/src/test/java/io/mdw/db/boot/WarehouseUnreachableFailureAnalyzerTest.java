package io.mdw.db.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A warehouse that cannot be reached at start-up: one line naming it, its password masked. */
class WarehouseUnreachableFailureAnalyzerTest {

    @Test
    void aClosedPortIsReportedWithTheDatabaseAndTheDriversReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(Map.of(
                                "MDW_DB_URL", "jdbc:postgresql://localhost:" + closed + "/mdw?user=mdw&password=SECRET-DB",
                                "MDW_DB_PASSWORD", "SECRET-DB"))));
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(JdbcAndFlyway.class)
                .environment(environment).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run());

        FailureAnalysis analysis = new WarehouseUnreachableFailureAnalyzer(environment).analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Cannot connect to the warehouse database jdbc:postgresql://localhost:"
                + closed + "/mdw?user=mdw&password=*** as user mdw: Connection to localhost:" + closed
                + " refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.");
        assertThat(analysis.getAction()).contains("MDW_DB_URL", "MDW_DB_PASSWORD").doesNotContain("SECRET");
        assertThat(StartupFailures.describe(failure, environment)).hasValue(analysis.getDescription());
    }

    @Test
    void anyOtherFailureIsLeftToOtherAnalyzers() {
        assertThat(new WarehouseUnreachableFailureAnalyzer(new StandardEnvironment())
                .analyze(new IllegalStateException("something else"))).isNull();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class JdbcAndFlyway {
    }
}
