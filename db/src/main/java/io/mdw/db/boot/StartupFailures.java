package io.mdw.db.boot;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * For a command line that starts an application and prints its failure on one line: the same one-line description
 * the start-up report gives for a bad setting or an unreachable warehouse, rather than the root cause's message
 * ("For input string: "abc"", "Connection refused").
 */
public final class StartupFailures {

    private StartupFailures() {
    }

    /**
     * Runs the application; a start that fails on a bad setting or an unreachable warehouse throws an exception whose
     * message is the report's one line (and has no cause, so that a command printing the root cause's message prints
     * that line). Any other failure is thrown as it is.
     */
    public static ConfigurableApplicationContext run(SpringApplication application, String... args) {
        AtomicReference<Environment> environment = new AtomicReference<>();
        application.addListeners((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                environment.set(prepared.getEnvironment());
            }
        });
        try {
            return application.run(args);
        } catch (RuntimeException failure) {
            if (environment.get() == null) {
                throw failure;
            }
            // the report (and, for other failures, the stack trace) is in the log already
            throw describe(failure, environment.get()).<RuntimeException>map(Described::new).orElse(failure);
        }
    }

    /** The description of a failure these analyzers explain; empty for any other failure. */
    public static Optional<String> describe(Throwable failure, Environment environment) {
        List<FailureAnalyzer> analyzers = List.of(new SettingFailureAnalyzer(environment),
                new WarehouseUnreachableFailureAnalyzer(environment), new DatabaseSettingFailureAnalyzer());
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return Optional.of(analysis.getDescription());
            }
        }
        return Optional.empty();
    }

    /** A start-up failure the report describes in one line; its message is that line. */
    static final class Described extends RuntimeException {

        Described(String description) {
            super(description, null, false, false);
        }
    }
}
