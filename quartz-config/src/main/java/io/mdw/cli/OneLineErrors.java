package io.mdw.cli;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.mdw.text.ControlCharacters;
import picocli.CommandLine;
import org.springframework.core.NestedExceptionUtils;

/**
 * How both jars' command lines fail: one line on stderr naming the command, exit 2 for a bad option or argument
 * (with "see --help"), 1 for a command that failed, as the help of every command says. Stack traces are for the logs,
 * not the terminal.
 */
public final class OneLineErrors {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private OneLineErrors() {
    }

    /** In the help of every command (not of mdw itself: the mdw script adds its own commands after that help's list). */
    private static final Map<String, String> EXIT_STATUS = new TreeMap<>(Map.of("0", "success",
            String.valueOf(FAILED), "failure: the reason on one line (details in MDW_HOME/logs/cli.log)",
            String.valueOf(USAGE), "a bad option or argument"));

    public static CommandLine applyTo(CommandLine commandLine) {
        describeExitStatus(commandLine.getSubcommands().values());
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + ControlCharacters.escape(e.getMessage())
                    + suggestions(e) + " (see --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return FAILED;
        });
        return commandLine;
    }

    /**
     * For a mistyped option, picocli's nearest ones: "--timeframe" is likely "--timeframes". Not for a mistyped command:
     * its letter-pair likeness takes "jbos" for "symbols".
     */
    private static String suggestions(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && unmatched.getUnmatched().get(0).startsWith("-") && !unmatched.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return "";
    }

    private static void describeExitStatus(Collection<CommandLine> commands) {
        for (CommandLine command : commands) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_STATUS);
            describeExitStatus(command.getSubcommands().values());
        }
    }

    /** The root cause's message, first line only: what went wrong, not the layers it went through. */
    private static String oneLine(Exception e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
