package io.mdw.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API started as an operator starts it ({@code java -jar api-gateway.jar}, here its main class in a JVM of its own),
 * with one setting wrong in its environment: it stops before it serves, with a non-zero status and Spring Boot's
 * report holding one line that names the variable, its value (never a key's) and what it must be.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiSettingsTest {

    private final String databaseUrl = TestWarehouse.newDatabaseUrl();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MDW_API_PUBLIC_READS | maybe    | MDW_API_PUBLIC_READS is 'maybe': must be true or false
            SERVER_PORT          | notaport | SERVER_PORT is 'notaport': must be a port number (1-65535)
            MDW_API_DB_POOL_SIZE | 0        | MDW_API_DB_POOL_SIZE is '0': must be greater than or equal to 1
            MDW_API_DB_STATEMENT_TIMEOUT | 0s | MDW_API_DB_STATEMENT_TIMEOUT is '0s': must be a positive duration such as 60s
            MDW_API_DB_ACQUIRE_TIMEOUT | soon | MDW_API_DB_ACQUIRE_TIMEOUT is 'soon': must be a duration such as 500ms, 30s, 5m or 1d
            MDW_API_DB_ACQUIRE_TIMEOUT | 0s   | MDW_API_DB_ACQUIRE_TIMEOUT is '0s': must be a positive duration such as 10s
            MDW_API_REQUEST_BODY_TIMEOUT | 0s | MDW_API_REQUEST_BODY_TIMEOUT is '0s': must be a positive duration such as 30s
            SERVER_NETTY_IDLE_TIMEOUT | 0s | SERVER_NETTY_IDLE_TIMEOUT is '0s': must be a positive duration such as 60s
            SERVER_NETTY_IDLE_TIMEOUT | -1s | SERVER_NETTY_IDLE_TIMEOUT is '-1s': must be a positive duration such as 60s
            """)
    void aBadSettingStopsTheApiWithOneLineNamingIt(String variable, String value, String line) throws Exception {
        Run run = api(Map.of(variable, value));

        assertThat(run.status()).isNotZero();
        assertThat(run.output()).contains("APPLICATION FAILED TO START", "Description:\n\n" + line + "\n")
                .doesNotContain("Netty started");
    }

    @Test
    void aShortAdminKeyStopsTheApiBeforeItServesWithoutPrintingTheKey() throws Exception {
        Run run = api(Map.of("MDW_ADMIN_API_KEY", "short-SECRET-key"));

        assertThat(run.status()).isNotZero();
        assertThat(run.output()).contains("Description:\n\nMDW_ADMIN_API_KEY must be at least 20 characters, or unset;"
                        + " generate one with: openssl rand -base64 32\n\nAction:\n\nFix or unset the setting named above.\n")
                .doesNotContain("short-SECRET-key", "Netty started", "\tat io.mdw");
    }

    @Test
    void aPoolSmallerThanItsInitialFourConnectionsStarts() throws Exception {
        // r2dbc-pool refused it ("maxSize must be greater than or equal to initialSize") and the API did not start
        Run run = api(Map.of("MDW_API_DB_POOL_SIZE", "2"));

        assertThat(run.output()).contains("Started ApiApplication").doesNotContain("APPLICATION FAILED TO START");
    }

    private record Run(int status, String output) {
    }

    /** Runs the API with these variables until it exits or has started (or 90 s), its stdout and stderr together. */
    private Run api(Map<String, String> variables) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ApiApplication.class.getName()))
                .redirectErrorStream(true);
        builder.environment().put("MDW_DB_URL", databaseUrl);
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.contains("Started ApiApplication")) {
                    break;
                }
            }
        }
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), output.toString());
    }
}
