package io.mdw.db.boot;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * For a command line that starts an application and prints its failure on one line: the same one-line description
 * the start-up report gives for a bad setting or an unreachable warehouse, rather than the root cause's message
 * ("For input string: "abc"", "Connection refused").
 */
public final class StartupFailures {

    private StartupFailures() {
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
}
