package io.mdw.batch.cli;

import java.io.PrintWriter;

import io.mdw.batch.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mdw} command line: loads, restarts and benchmarks, run in the foreground against the warehouse. */
@Command(name = "mdw", mixinStandardHelpOptions = true, version = "mdw 0.1.0",
        description = "Market data warehouse: load OHLCV bars, validate, score and enrich them.",
        subcommands = { BackfillCommand.class, ImportCommand.class, RestartCommand.class, SymbolsCommand.class,
                NodeCommand.class, SubmitCommand.class, JobsCommand.class, BenchCommand.class })
public class MdwCommand {

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
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return 1;
        });
        return commandLine.execute(args);
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
