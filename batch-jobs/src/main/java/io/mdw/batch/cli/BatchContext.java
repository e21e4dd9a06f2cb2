package io.mdw.batch.cli;

import io.mdw.batch.BatchNodeApplication;
import io.mdw.cli.CommandLineApplication;
import io.mdw.db.boot.StartupFailures;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application of one CLI command: no web server; progress lines printed bare, the rest of the log in
 * MDW_HOME/logs/cli.log (logback-cli.xml). A start that fails on a bad setting or an unreachable warehouse fails with
 * the start-up report's one line ("MDW_BATCH_CHUNK_SIZE is 'abc': must be a whole number"), which the command prints.
 */
final class BatchContext {

    private BatchContext() {
    }

    /** The batch application, for a command that runs a load. */
    static ConfigurableApplicationContext start() {
        return startQuietly(BatchNodeApplication.class);
    }

    /** The warehouse's and the cluster's records only ({@link RecordsApplication}), for a command that runs no load. */
    static ConfigurableApplicationContext records() {
        return startQuietly(RecordsApplication.class);
    }

    private static ConfigurableApplicationContext startQuietly(Class<?> applicationClass) {
        return StartupFailures.run(CommandLineApplication.of(applicationClass));
    }

    /**
     * Starts a batch node: the clustered scheduler executing jobs, Actuator on the management port, logs as usual.
     * Returns once it runs; it stops on SIGTERM/SIGINT.
     */
    static ConfigurableApplicationContext startNode() {
        SpringApplication application = new SpringApplication(BatchNodeApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        // the node serves Actuator only, on the management port: SERVER_PORT (the API's) must not move it
        return StartupFailures.run(application, "--mdw.scheduler.role=node", "--server.port=${MANAGEMENT_SERVER_PORT:8081}");
    }
}
