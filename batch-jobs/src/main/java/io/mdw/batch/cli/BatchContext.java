package io.mdw.batch.cli;

import java.util.Map;

import io.mdw.batch.BatchNodeApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the batch application for one CLI command: no web server, quiet logs, progress lines printed bare. */
final class BatchContext {

    private BatchContext() {
    }

    static ConfigurableApplicationContext start() {
        SpringApplication application = new SpringApplication(BatchNodeApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false",
                "logging.level.root", "WARN",
                "logging.level.mdw.progress", "INFO",
                "logging.pattern.console", "%m%n"));
        return application.run();
    }

    /**
     * Starts a batch node: the clustered scheduler executing jobs, Actuator on the management port, logs as usual.
     * Returns once it runs; it stops on SIGTERM/SIGINT.
     */
    static ConfigurableApplicationContext startNode() {
        SpringApplication application = new SpringApplication(BatchNodeApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        // the node serves Actuator only, on the management port: SERVER_PORT (the API's) must not move it
        String managementPort = System.getenv().getOrDefault("MANAGEMENT_SERVER_PORT", "8081");
        return application.run("--mdw.scheduler.role=node", "--server.port=" + managementPort);
    }
}
