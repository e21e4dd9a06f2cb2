package io.mdw.api;

import java.io.PrintWriter;
import java.util.Set;

import io.mdw.api.bench.BenchCommand;
import io.mdw.api.keys.KeysCommand;
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
        CommandLine commandLine = new CommandLine(new ApiCommand()).setOut(out).setErr(err);
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

    /** The root cause's message, first line only: what went wrong, not the layers it went through. */
    private static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
