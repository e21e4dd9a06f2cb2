package io.mdw.api.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import io.mdw.api.ApiApplication;
import io.mdw.db.ScratchDatabase;
import io.mdw.db.WarehouseDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mdw bench api}: how fast the API serves historical bars, against the same read sent straight to PostgreSQL.
 * Everything runs on a scratch database that is dropped at the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the warehouse.",
        subcommands = BenchCommand.Api.class)
public class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing the benchmark: api");
    }

    @Command(name = "api", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Loads daily bars into a scratch database, then drives GET /api/v1/historical/{symbol} "
                    + "(a random symbol per request, the whole range, default filters) and, after it, the same read "
                    + "(the endpoint's SQL, its bar fields as plain columns) over JDBC, each with that many concurrent "
                    + "connections; prints requests/s, p50, p99 and the ratio, with the CPU time per request of this "
                    + "JVM and, when it runs on this machine (Linux), of PostgreSQL. The API runs in this JVM; the "
                    + "load generators, the API and PostgreSQL share the machine."})
    static class Api implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--symbols", defaultValue = "100", description = "how many symbols to load (default ${DEFAULT-VALUE})")
        int symbols;

        @Option(names = "--days", defaultValue = "365", description = "calendar days of daily bars, up to yesterday (default ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--connections", defaultValue = "64", description = "concurrent connections or threads (default ${DEFAULT-VALUE})")
        int connections;

        @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
                description = "measured time of each side, e.g. 30s or 2m (default ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--warmup", defaultValue = "45s", converter = DurationConverter.class,
                description = "least unmeasured time before it, which then goes on until the JIT has settled "
                        + "(default ${DEFAULT-VALUE})")
        Duration warmup;

        @Option(names = "--max-warmup", defaultValue = "5m", converter = DurationConverter.class,
                description = "most unmeasured time before it, the JIT settled or not (default ${DEFAULT-VALUE})")
        Duration maxWarmup;

        @Override
        public Integer call() throws Exception {
            check(symbols >= 1 && symbols <= 10_000, "--symbols must be between 1 and 10000");
            check(days >= 1 && days <= 36_500, "--days must be between 1 and 36500");
            check(connections >= 1 && connections <= 1_000, "--connections must be between 1 and 1000");
            check(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
            check(!warmup.isNegative(), "--warmup must not be negative");
            check(maxWarmup.compareTo(warmup) >= 0, "--max-warmup must not be less than --warmup");
            LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
            PrintWriter out = spec.commandLine().getOut();

            BenchData data = BenchData.of(symbols, days);
            try (ScratchDatabase scratch = BenchDatabase.create()) {
                long started = System.nanoTime();
                long bars;
                try (Connection connection = scratch.connect()) {
                    bars = data.load(connection);
                }
                out.printf(Locale.ROOT, "Loaded %d symbols, %d daily bars from %s to %s with quality and features, "
                                + "into the scratch database %s in %.1f s%n", symbols, bars, data.firstDay(),
                        data.lastDay(), scratch.name(), (System.nanoTime() - started) / 1e9);
                out.printf(Locale.ROOT, "Each side: %d concurrent connections, a warm-up of %s to %s (until the JIT has "
                                + "settled), then %s measured; a random symbol per request, all its bars of the range%n",
                        connections, text(warmup), text(maxWarmup), text(duration));
                out.printf(Locale.ROOT, "The API runs in this JVM; the load generators, the API and PostgreSQL share "
                        + "this machine's %d cores%n", Runtime.getRuntime().availableProcessors());
                out.flush();

                DatabaseServerCpu serverCpu;
                try (Connection connection = scratch.connect()) {
                    serverCpu = DatabaseServerCpu.of(connection);
                }
                LoadFigures api = throughApi(scratch.database(), data, serverCpu);
                LoadFigures direct = throughJdbc(scratch.database(), data, serverCpu);

                out.printf(Locale.ROOT, "%n%-44s %12s %9s %9s %8s %14s %13s%n", "", "requests/s", "p50 ms", "p99 ms",
                        "errors", "JVM CPU ms/req", "PG CPU ms/req");
                print(out, "API   GET /api/v1/historical/{symbol}", api);
                print(out, "SQL   same read over JDBC, plain columns", direct);
                out.printf(Locale.ROOT, "API/direct: %.2f of the direct-SQL rate (goal >= 0.5); API p99 %.1f ms (goal < 50 ms)%n",
                        api.requestsPerSecond() / direct.requestsPerSecond(), api.p99Millis());
                out.printf(Locale.ROOT, "Warm-up: API %.0f s, SQL %.0f s%n", api.warmedUp().toMillis() / 1e3,
                        direct.warmedUp().toMillis() / 1e3);
                for (LoadFigures figures : List.of(api, direct)) {
                    if (figures.firstError() != null) {
                        out.println("First error: " + figures.firstError());
                    }
                }
                out.flush();
            }
            return 0;
        }

        private LoadFigures throughApi(WarehouseDatabase database, BenchData data, DatabaseServerCpu serverCpu)
                throws InterruptedException {
            try (ConfigurableApplicationContext api = startApi(database);
                 HistoricalClient client = new HistoricalClient(
                         api.getEnvironment().getRequiredProperty("local.server.port", Integer.class), connections)) {
                return ClosedLoop.nonBlocking(connections, warmupRange(), duration, serverCpu,
                        () -> client.get(HistoricalClient.path(randomSymbol(data), data.firstDay(), data.lastDay())));
            }
        }

        private LoadFigures throughJdbc(WarehouseDatabase database, BenchData data, DatabaseServerCpu serverCpu)
                throws InterruptedException {
            try (DirectSql direct = new DirectSql(database, connections)) {
                return ClosedLoop.blocking(connections, warmupRange(), duration, serverCpu,
                        () -> direct.historical(randomSymbol(data), data.firstDay(), data.lastDay()));
            }
        }

        /** The real API on a free port, on the scratch database; reads are public (the default) whatever MDW_API_PUBLIC_READS says. */
        private static ConfigurableApplicationContext startApi(WarehouseDatabase database) {
            return new SpringApplication(ApiApplication.class).run("--server.port=0",
                    "--mdw.db.url=" + database.jdbcUrl(), "--mdw.db.user=" + database.user(),
                    "--mdw.db.password=" + database.password(), "--mdw.api.public-reads=true",
                    "--logging.level.root=WARN", "--logging.level.org.springdoc=ERROR");
        }

        private Warmup warmupRange() {
            return Warmup.untilJitSettles(warmup, maxWarmup);
        }

        private static String randomSymbol(BenchData data) {
            return data.symbols().get(ThreadLocalRandom.current().nextInt(data.symbols().size()));
        }

        private static void print(PrintWriter out, String label, LoadFigures figures) {
            double serverCpu = figures.serverCpuMillisPerRequest();
            out.printf(Locale.ROOT, "%-44s %12.1f %9.1f %9.1f %8d %14.2f %13s%n", label, figures.requestsPerSecond(),
                    figures.p50Millis(), figures.p99Millis(), figures.errors(), figures.jvmCpuMillisPerRequest(),
                    Double.isNaN(serverCpu) ? "n/a" : String.format(Locale.ROOT, "%.2f", serverCpu));
        }

        private void check(boolean condition, String message) {
            if (!condition) {
                throw new ParameterException(spec.commandLine(), message);
            }
        }

        private static String text(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
        }
    }

    /** 30s, 500ms, 2m (or ISO-8601 such as PT30S). */
    static class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationStyle.detectAndParse(value.strip());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 30s, 500ms,"
                        + " 2m or PT30S");
            }
        }
    }
}
