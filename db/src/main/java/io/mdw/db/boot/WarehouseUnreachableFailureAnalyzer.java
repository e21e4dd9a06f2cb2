package io.mdw.db.boot;

import java.sql.SQLException;

import io.mdw.db.WarehouseDatabase;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A warehouse that cannot be reached or refuses the credentials at start-up (MDW_DB_URL pointing to a closed port, a
 * wrong MDW_DB_PASSWORD, a database that does not exist), reported in one line naming the database (its password
 * masked) and the driver's reason, instead of a stack trace ending in "Connection refused".
 */
public final class WarehouseUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public WarehouseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException refused = connectionFailure(failure);
        if (refused == null) {
            return null;
        }
        // only mdw.db.*: asking the environment for spring.datasource.* could start an embedded server
        WarehouseDatabase configured = WarehouseSettings.configured(environment);
        String database = configured != null ? "the warehouse database " + configured.describe()
                : "the embedded warehouse database under " + WarehouseSettings.mdwHome(environment);
        String reason = refused.getMessage() == null ? refused.getClass().getSimpleName()
                : refused.getMessage().lines().findFirst().orElse("").strip();
        return new FailureAnalysis("Cannot connect to " + database + ": " + reason,
                configured != null
                        ? "Check MDW_DB_URL, MDW_DB_USER and MDW_DB_PASSWORD, and that the database server is running and reachable from here."
                        : "Check MDW_HOME and MDW_EMBEDDED_PORT, or set MDW_DB_URL to use another database.",
                null);
    }

    /**
     * The first SQLException of the chain whose SQL state says the connection failed (08), the credentials were refused
     * (28) or the database does not exist (3D000).
     */
    private static SQLException connectionFailure(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
                            || sql.getSQLState().equals("3D000"))) {
                return sql;
            }
        }
        return null;
    }
}
