package io.mdw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineApplicationTest {

    @Test
    void theLogDirectoryIsMadeInMdwHome(@TempDir Path dir) {
        Path logs = CommandLineApplication.createLogDirectory(dir.resolve("home").toString());

        assertThat(logs).isEqualTo(dir.resolve("home/logs")).isDirectory();
    }

    @Test
    void anMdwHomeThatCannotHoldTheLogIsOneLineSayingWhatToChange(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hostname"), "not a directory");

        assertThatThrownBy(() -> CommandLineApplication.createLogDirectory(file.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MDW_HOME " + file + " cannot hold this command's log in its logs directory (Not a"
                        + " directory); point MDW_HOME at a directory you can write to");
    }
}
