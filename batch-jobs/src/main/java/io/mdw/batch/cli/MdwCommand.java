package io.mdw.batch.cli;

import java.io.PrintWriter;

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

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        return OneLineErrors.applyTo(new CommandLine(new MdwCommand()).setOut(out).setErr(err)).execute(args);
    }
}
