package io.mdw.batch.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.mdw.batch.bench.BenchCommand;
import io.mdw.cli.OneLineErrors;
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
            String.valueOf(OneLineErrors.FAILED), "failure: the reason on one line (a failed load: details in "
                    + "MDW_HOME/logs/cli.log)",
            String.valueOf(OneLineErrors.USAGE), "a bad option or argument"));

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = OneLineErrors.applyTo(new CommandLine(new MdwCommand()).setOut(out).setErr(err));
        describeExitStatus(commandLine.getSubcommands().values());
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
}
