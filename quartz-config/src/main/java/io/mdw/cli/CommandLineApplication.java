package io.mdw.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * The Spring application a {@code ./mdw} command starts for itself: no web server, no banner, and the log in
 * MDW_HOME/logs/cli.log (logback-cli.xml), so that the terminal shows the command's own output and, on failure, its
 * one line ({@link OneLineErrors}).
 */
public final class CommandLineApplication {

    private CommandLineApplication() {
    }

    /** @throws IllegalStateException when MDW_HOME cannot hold the log, saying so in one line */
    public static SpringApplication of(Class<?> source) {
        createLogDirectory(System.getProperty("MDW_HOME", System.getenv("MDW_HOME")));
        SpringApplication application = new SpringApplication(source);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false",
                "logging.config", "classpath:logback-cli.xml"));
        return application;
    }

    /**
     * The directory of logback-cli.xml's file, made before Logback looks for it: where it cannot be (MDW_HOME is a file,
     * or not writable), Logback printed its whole status report, some 130 lines, and the command no reason.
     */
    static Path createLogDirectory(String mdwHome) {
        String home = mdwHome == null || mdwHome.isBlank() ? "var" : mdwHome;
        try {
            Path logs = Path.of(home, "logs");
            Files.createDirectories(logs);
            if (!Files.isWritable(logs)) {
                throw new IOException("not writable");
            }
            return logs;
        } catch (IOException | InvalidPathException e) {
            String reason = e instanceof FileSystemException failed && failed.getReason() != null ? failed.getReason()
                    : e.getMessage();
            throw new IllegalStateException("MDW_HOME " + home + " cannot hold this command's log in its logs directory"
                    + " (" + reason + "); point MDW_HOME at a directory you can write to");
        }
    }
}
