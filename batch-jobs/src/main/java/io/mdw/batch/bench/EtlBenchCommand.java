package io.mdw.batch.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mdw.batch.BatchNodeApplication;
import io.mdw.batch.cli.TimeframeConverter;
import io.mdw.batch.load.LoadCounters;
import io.mdw.batch.load.LoadJobHistory;
import io.mdw.batch.load.LoadLauncher;
import io.mdw.batch.source.polygon.PolygonProperties;
import io.mdw.db.ScratchDatabase;
import io.mdw.db.WarehouseDatabase;
import io.mdw.db.boot.WarehouseSettings;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mdw bench etl}: the real load job against a synthetic provider over HTTP, into a scratch database on the
 * embedded warehouse's server; then the same rows loaded with COPY into identically indexed tables; both rates,
 * their ratio and the JVM's peak heap.
 */
@Command(name = "etl", mixinStandardHelpOptions = true,
        description = "Time the load job (synthetic provider over HTTP -> warehouse) against plain COPY of the same rows.")
class EtlBenchCommand implements Callable<Integer> {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    /** The warehouse settings as the batch node reads them: system properties, then environment variables. */
    private static final Environment SETTINGS = new StandardEnvironment();

    @Spec
    CommandSpec spec;

    @Option(names = "--bars", defaultValue = "1000000", description = "bars in total (default ${DEFAULT-VALUE})")
    long bars;

    @Option(names = "--series", defaultValue = "10", description = "synthetic crypto tickers X:SYN000.. sharing the bars (default ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--timeframe", defaultValue = "1m", converter = TimeframeConverter.class,
            description = "bar timeframe (default ${DEFAULT-VALUE})")
    Timeframe timeframe;

    @Option(names = "--page-size", defaultValue = "50000", description = "bars per provider page (default ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--concurrency", description = "partitions loaded at once (default: the batch node's, mdw.batch.concurrency)")
    Integer concurrency;

    @Option(names = "--chunk-size", description = "bars per transaction (default: the batch node's, mdw.batch.chunk-size)")
    Integer chunkSize;

    @Option(names = "--runs", defaultValue = "2",
            description = "runs of the job and of COPY; the fastest of each counts, which steadies the figures on a busy machine (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--server", paramLabel = "JDBC_URL",
            description = "a PostgreSQL database whose server gets the scratch database (default: the embedded warehouse's server)")
    String server;

    @Override
    public Integer call() throws Exception {
        if (bars < series || series < 1 || pageSize < 1 || runs < 1 || (concurrency != null && concurrency < 1)
                || (chunkSize != null && chunkSize < 1)) {
            throw new ParameterException(spec.commandLine(), "need --series >= 1, --bars >= --series, and positive sizes");
        }
        // the batch node it starts refuses a larger polygon.page-limit, naming that property rather than this option
        if (pageSize > PolygonProperties.MAX_PAGE_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--page-size must be at most " + PolygonProperties.MAX_PAGE_LIMIT
                    + ", the batch node's largest provider page");
        }
        // the embedded server starts before the batch node configures logging: keep its start-up chatter off the table
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Long> barsByTicker = split();
        long step = timeframe.duration().toMillis();

        try (HeapWatch heap = new HeapWatch();
             SyntheticProvider provider = new SyntheticProvider(START.toEpochMilli(), step, barsByTicker);
             ScratchDatabase scratch = server == null
                     ? ScratchDatabase.onEmbeddedWarehouse(WarehouseSettings.mdwHome(SETTINGS),
                             WarehouseSettings.embeddedPort(SETTINGS), "mdw_bench")
                     : ScratchDatabase.onServerOf(WarehouseDatabase.of(server, null, null), "mdw_bench")) {
            Duration pipeline = null;
            try (ConfigurableApplicationContext batchNode = startBatchNode(scratch.database(), provider.baseUrl())) {
                LoadLauncher launcher = batchNode.getBean(LoadLauncher.class);
                LoadJobHistory history = batchNode.getBean(LoadJobHistory.class);
                var settings = batchNode.getEnvironment();
                out.printf(Locale.ROOT, "mdw bench etl: %s bars of %s in %d series, pages of %s, concurrency %s, "
                        + "chunks of %s, best of %d runs each, scratch database %s%n", number(bars), timeframe.code(), series,
                        number(pageSize), settings.getProperty("mdw.batch.concurrency"),
                        number(settings.getProperty("mdw.batch.chunk-size", Long.class)), runs, scratch.name());
                out.flush();
                for (int run = 0; run < runs; run++) {
                    if (run > 0) {
                        empty(scratch);
                    }
                    Duration took = loadOnce(launcher, history, scratch, parameters(barsByTicker, timeframe));
                    if (took == null) {
                        return 1;
                    }
                    pipeline = pipeline == null || took.compareTo(pipeline) < 0 ? took : pipeline;
                }
            }
            Duration copy;
            try (Connection connection = scratch.connect()) {
                copy = CopyBaseline.load(connection, bars, runs);
            }
            print(out, pipeline, copy, heap.peakUsedBytes());
            return 0;
        }
    }

    /** One run of the load job into empty tables; null (and the reason printed) when it failed. */
    private Duration loadOnce(LoadLauncher launcher, LoadJobHistory history, ScratchDatabase scratch,
            LoadRequest parameters) throws Exception {
        checkpoint(scratch);
        long started = System.nanoTime();
        JobExecution execution = launcher.start(parameters, null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            spec.commandLine().getErr().println("bench etl: the load failed: " + LoadLauncher.failureReason(execution));
            return null;
        }
        LoadCounters counters = history.countersOf(execution);
        if (counters.stored() != bars) {
            throw new IllegalStateException("the job stored " + counters.stored() + " of " + bars + " bars ("
                    + counters.rejected() + " rejected)");
        }
        return took;
    }

    /** A request for the whole synthetic window of every series (a new request id, so each run is a new job). */
    private static LoadRequest parameters(Map<String, Long> barsByTicker, Timeframe timeframe) {
        long longest = barsByTicker.values().iterator().next();
        return new LoadRequest(LoadRequest.newId(), List.copyOf(barsByTicker.keySet()), List.of(timeframe),
                START, START.plusMillis(longest * timeframe.duration().toMillis()), LoadRequest.POLYGON);
    }

    /** X:SYN000, X:SYN001, ... with the bars shared out as evenly as they go, the first ones taking the remainder. */
    private Map<String, Long> split() {
        Map<String, Long> barsByTicker = new LinkedHashMap<>();
        for (int i = 0; i < series; i++) {
            barsByTicker.put("X:SYN%03d".formatted(i), bars / series + (i < bars % series ? 1 : 0));
        }
        return barsByTicker;
    }

    private void print(PrintWriter out, Duration pipeline, Duration copy, long peakHeap) {
        double pipelineRate = bars / seconds(pipeline);
        double copyRate = bars / seconds(copy);
        long maxHeap = HeapWatch.maxBytes();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "", "bars", "seconds", "bars/s" });
        rows.add(new String[] { "pipeline (HTTP -> job -> warehouse)", number(bars),
                String.format(Locale.ROOT, "%.2f", seconds(pipeline)), number(Math.round(pipelineRate)) });
        rows.add(new String[] { "COPY (bars + bar_features)", number(bars), String.format(Locale.ROOT, "%.2f", seconds(copy)),
                number(Math.round(copyRate)) });
        for (String[] row : rows) {
            out.printf(Locale.ROOT, "%-36s %12s %9s %10s%n", (Object[]) row);
        }
        out.printf(Locale.ROOT, "%-36s %.2f (goal >= 0.70)%n", "ratio pipeline / COPY", pipelineRate / copyRate);
        out.printf(Locale.ROOT, "%-36s %s MB (max heap %s)%n", "peak heap used", number(peakHeap >> 20),
                maxHeap < 0 ? "unlimited" : number(maxHeap >> 20) + " MB");
        out.flush();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toNanos(), 1) / 1e9;
    }

    private ConfigurableApplicationContext startBatchNode(WarehouseDatabase database, URI provider) {
        SpringApplication application = new SpringApplication(BatchNodeApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false", "logging.level.root", "WARN"));
        // Given as command-line arguments, which outrank environment variables: MDW_DB_URL or POLYGON_BASE_URL in the
        // environment must not send the benchmark to the real warehouse or the real provider.
        List<String> arguments = new ArrayList<>(List.of(
                "--mdw.db.url=" + database.jdbcUrl(),
                "--mdw.db.user=" + database.user(),
                "--mdw.db.password=" + database.password(),
                "--polygon.base-url=" + provider,
                "--polygon.api-key=synthetic",
                "--polygon.calls-per-minute=1000000",
                "--polygon.page-limit=" + pageSize));
        if (concurrency != null) {
            arguments.add("--mdw.batch.concurrency=" + concurrency);
        }
        if (chunkSize != null) {
            arguments.add("--mdw.batch.chunk-size=" + chunkSize);
        }
        return application.run(arguments.toArray(String[]::new));
    }

    /** Back to an empty warehouse in the scratch database, for the next run to load from scratch again. */
    private static void empty(ScratchDatabase scratch) throws SQLException {
        try (Connection connection = scratch.connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bars, bar_features, quality_daily, rejected_bars, provider_requests");
        }
    }

    private static void checkpoint(ScratchDatabase scratch) throws SQLException {
        try (Connection connection = scratch.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }
}
