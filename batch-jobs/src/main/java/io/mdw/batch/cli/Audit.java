package io.mdw.batch.cli;

import javax.sql.DataSource;

import io.mdw.audit.CommandLineAudit;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Model.CommandSpec;

/** The audit entry of an admin or trigger command, as {@code ./mdw keys create} records its own. */
final class Audit {

    private Audit() {
    }

    /** @param targetJob the load job the command queued or restarted (or that already loads its series), or null */
    static void record(ApplicationContext context, CommandSpec command, String action, String targetJob) {
        new CommandLineAudit(context.getBean(DataSource.class)).record(action, command.qualifiedName(),
                command.commandLine().getParseResult().originalArgs(), targetJob, null);
    }
}
