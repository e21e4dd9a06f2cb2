package io.mdw.cli;

import io.mdw.text.ControlCharacters;
import picocli.CommandLine;
import org.springframework.core.NestedExceptionUtils;

/**
 * How both jars' command lines fail: one line on stderr naming the command, exit 2 for a bad option or argument
 * (with "see --help"), 1 for a command that failed. Stack traces are for the logs, not the terminal.
 */
public final class OneLineErrors {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private OneLineErrors() {
    }

    public static CommandLine applyTo(CommandLine commandLine) {
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + ControlCharacters.escape(e.getMessage())
                    + " (see --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return FAILED;
        });
        return commandLine;
    }

    /** The root cause's message, first line only: what went wrong, not the layers it went through. */
    private static String oneLine(Exception e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
