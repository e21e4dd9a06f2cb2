package io.mdw.api.keys;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.mdw.api.ApiApplication;
import io.mdw.api.errors.ApiProblem;
import io.mdw.audit.CommandLineAudit;
import io.mdw.cli.CommandLineApplication;
import io.mdw.db.boot.StartupFailures;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mdw keys create --name ops --scopes admin}: a new API key, printed once, stored hashed, audited;
 * {@code mdw keys list}: the keys, without the keys themselves.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class})
public class KeysCommand {

    /**
     * The API's beans without its web server, on the configured database, logging to MDW_HOME/logs/cli.log as the batch
     * commands do; a bad setting or an unreachable warehouse fails with the start-up report's one line, which the
     * command prints.
     */
    private static ConfigurableApplicationContext application() {
        return StartupFailures.run(CommandLineApplication.of(ApiApplication.class));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key and print it once.")
    static class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "who or what the key is for")
        String name;

        @Option(names = "--scopes", split = ",", defaultValue = "read",
                description = "read, trigger, admin (admin implies the others; default read)")
        List<String> scopes;

        @Override
        public Integer call() {
            // a bad name or scope is a usage error, found before the API's beans start
            try {
                ApiKey.name(name);
                Scope.codes(scopes);
            } catch (ApiProblem badOption) {
                throw new ParameterException(spec.commandLine(), badOption.getMessage());
            }
            try (var context = application()) {
                CreatedApiKey created = context.getBean(ApiKeys.class).create(name, scopes).block();
                new CommandLineAudit(context.getBean(DataSource.class)).record("key.create", spec.qualifiedName(),
                        spec.commandLine().getParseResult().originalArgs(), null, created.id());
                PrintWriter out = spec.commandLine().getOut();
                out.println("Created API key " + created.id() + " '" + created.name() + "' with scopes "
                        + String.join(",", created.scopes()) + ". It is shown only this once:");
                out.println(created.key());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys: id, name, preview, scopes, state (active, inactive or revoked) and creation"
                    + " time (UTC); never a key or its hash. When a key was last used is not recorded.")
    static class ListKeys implements Callable<Integer> {

        private static final List<String> HEADER = List.of("ID", "NAME", "PREVIEW", "SCOPES", "STATE", "CREATED");

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<ApiKey> all;
            try (var context = application()) {
                all = context.getBean(ApiKeyRepository.class).findAll().collectList().block();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (all.isEmpty()) {
                out.println("No API keys yet; create one with: mdw keys create --name NAME --scopes read|trigger|admin");
            } else {
                List<List<String>> rows = Stream.concat(Stream.of(HEADER), all.stream().map(ListKeys::row)).toList();
                int[] widths = new int[HEADER.size()];
                rows.forEach(row -> {
                    for (int column = 0; column < widths.length; column++) {
                        widths[column] = Math.max(widths[column], row.get(column).length());
                    }
                });
                rows.forEach(row -> out.println(line(row, widths)));
            }
            out.flush();
            return 0;
        }

        private static List<String> row(ApiKey key) {
            String state = key.revokedAt() != null ? "revoked" : key.active() ? "active" : "inactive";
            return List.of(String.valueOf(key.id()), key.name(), key.keyPreview(), String.join(",", key.scopes()),
                    state, key.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }

        /** The cells padded to their column's width, two spaces apart; the last one unpadded. */
        private static String line(List<String> cells, int[] widths) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < cells.size() - 1; column++) {
                line.append(cells.get(column)).append(" ".repeat(widths[column] - cells.get(column).length() + 2));
            }
            return line.append(cells.get(cells.size() - 1)).toString();
        }
    }
}
