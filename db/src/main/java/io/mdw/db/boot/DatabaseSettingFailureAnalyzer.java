package io.mdw.db.boot;

import io.mdw.db.DatabaseSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad database setting into Spring Boot's short start-up failure report instead of a stack trace. */
class DatabaseSettingFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseSettingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set MDW_DB_URL (jdbc:postgresql://host:port/database), MDW_DB_USER and MDW_DB_PASSWORD for an external database, "
                        + "or leave MDW_DB_URL unset to use the embedded one under MDW_HOME (default ./var).",
                cause);
    }
}
