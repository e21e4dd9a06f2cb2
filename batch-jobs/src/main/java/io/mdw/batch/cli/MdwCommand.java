package io.mdw.batch.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.mdw.batch.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mdw} command line: loads, restarts and benchmarks, run in the foreground against the warehouse. */
@Command(name = "mdw", mixinStandardHelpOptions = true, version = "mdw 0.1.0",
        description = "Market data warehouse: load OHLCV bars, validate, score and enrich them.",
        subcommands = { BackfillCommand.class, ImportCommand.class, RestartCommand.class, SymbolsCommand.class,
                NodeCommand.class, SubmitCommand.class, JobsCommand.class, BenchCommand.class })
public class MdwCommand {

    /** A bad option or argument, whether picocli or the command found it, is 2 (and says "see --help"). */
    private static final Map<String, String> EXIT_STATUS = new TreeMap<>(Map.of("0", "success",
            "1", "failure: the reason on one line (a failed load: details in MDW_HOME/logs/cli.log)",
            "2", "a bad option or argument"));

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new MdwCommand()).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see --help)");
            return 2;
        });
        describeExitStatus(commandLine.getSubcommands().values());
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    /**
     * The exit statuses, in the help of every command (not of mdw itself: the mdw script adds its own commands after
     * that help's command list).
     */
    private static void describeExitStatus(Collection<CommandLine> commands) {
        for (CommandLine command : commands) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_STATUS);
            describeExitStatus(command.getSubcommands().values());
        }
    }

    private static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
