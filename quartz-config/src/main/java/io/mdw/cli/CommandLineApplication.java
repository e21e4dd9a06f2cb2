package io.mdw.cli;

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

    public static SpringApplication of(Class<?> source) {
        SpringApplication application = new SpringApplication(source);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false",
                "logging.config", "classpath:logback-cli.xml"));
        return application;
    }
}
