package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the terminal shows when a command fails on a setting, in a JVM of its own as a user runs it, the setting an
 * environment variable: one line on stderr, nothing on stdout; Spring Boot's report goes to MDW_HOME/logs/cli.log.
 */
class CommandFailureOutputTest {

    @TempDir
    Path mdwHome;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jobs                     | MDW_EMBEDDED_PORT             | fifty   | MDW_EMBEDDED_PORT is 'fifty': must be a port number (1-65535)
            jobs                     | MDW_DB_URL                    | garbage | MDW_DB_URL is 'garbage': must look like jdbc:postgresql://host:5432/database
            backfill --source sample | MDW_VALIDATION_VALIDATEDSCORE | 1.5     | MDW_VALIDATION_VALIDATEDSCORE is '1.5': must be less than or equal to 1
            """)
    void aBadSettingIsOneLineOnTheTerminal(String commandLine, String variable, String value, String line)
            throws Exception {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MdwCommand.class.getName()));
        java.addAll(List.of(commandLine.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(java);
        builder.environment().put("MDW_HOME", mdwHome.toString());
        builder.environment().put(variable, value);
        Process process = builder.start();
        process.getOutputStream().close();

        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(err).isEqualTo("mdw " + commandLine.split(" ")[0] + ": " + line + System.lineSeparator());
        assertThat(out).isEmpty();
        assertThat(mdwHome.resolve("logs/cli.log")).content().contains("APPLICATION FAILED TO START", line);
    }
}
