package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ./mdw script itself, where it checks a setting before it builds or starts anything. */
class MdwScriptTest {

    private static final Path MDW = Path.of("..", "mdw").toAbsolutePath().normalize();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SERVER_PORT            | notaport
            SERVER_PORT            | 0
            MANAGEMENT_SERVER_PORT | 70000
            """)
    void upRefusesAPortThatIsNoPortNumberAtOnce(String variable, String value) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", MDW.toString(), "up")).redirectErrorStream(true);
        builder.environment().put(variable, value);
        Process process = builder.start();
        process.getOutputStream().close();

        // waited for before its output is read: a script that went on to build and start would otherwise hang the test
        boolean ended = process.waitFor(10, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("refused at once, output: %s", output).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).isEqualTo("mdw up: " + variable + " is '" + value + "': must be a port number (1-65535)\n");
    }
}
