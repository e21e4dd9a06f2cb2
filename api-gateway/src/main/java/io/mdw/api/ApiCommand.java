package io.mdw.api;

import java.io.PrintWriter;
import java.util.Set;

import io.mdw.api.bench.BenchCommand;
import io.mdw.api.keys.KeysCommand;
import io.mdw.cli.OneLineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The API jar's commands ({@code ./mdw keys}, {@code ./mdw bench api}): errors on one line, as the batch jar's. */
@Command(name = "mdw", mixinStandardHelpOptions = true, subcommands = { KeysCommand.class, BenchCommand.class })
public class ApiCommand {

    private static final Set<String> NAMES = Set.of("keys", "bench");

    /** Whether the arguments name one of these commands rather than start the API. */
    static boolean handles(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return OneLineErrors.applyTo(new CommandLine(new ApiCommand()).setOut(out).setErr(err)).execute(args);
    }
}
