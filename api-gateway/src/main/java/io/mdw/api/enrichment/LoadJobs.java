package io.mdw.api.enrichment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.mdw.api.enrichment.JobExecutionRepository.Partition;
import io.mdw.api.enrichment.JobExecutionRepository.ProviderFailures;
import io.mdw.api.errors.ApiProblem;
import io.mdw.api.symbols.SymbolRepository;
import io.mdw.api.symbols.TrackedSymbol;
import io.mdw.api.web.Rows;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.CalendarSettings;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRecords;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadStatus;
import io.mdw.scheduling.LoadSubmissionService;
import io.mdw.scheduling.NightlyWindows;
import io.mdw.scheduling.PartitionName;
import io.mdw.scheduling.Submission;
import io.mdw.scheduling.SymbolTracking;
import io.mdw.scheduling.TrackedSeries;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Load jobs on demand: submitted to the cluster through quartz-config (a batch node runs them), followed through its
 * LoadRecords, as {@code mdw jobs} follows them. Both are JDBC, so every call into them runs on the bounded elastic
 * scheduler.
 */
@Service
class LoadJobs {

    /** Polygon's largest page: the default POLYGON_PAGE_LIMIT, a batch node's setting that the API does not read. */
    private static final long BARS_PER_REQUEST = 50_000;
    /** The free plan's pace: the default POLYGON_CALLS_PER_MINUTE (5), also a node's; a paid plan loads faster. */
    private static final long SECONDS_PER_REQUEST = 12;

    private final LoadSubmissionService submissions;
    private final LoadRecords loads;
    private final JobExecutionRepository executions;
    private final SymbolRepository symbols;
    private final NightlyWindows nightlyWindows;
    private final CalendarSettings calendars;
    private final DatabaseClient db;

    LoadJobs(LoadSubmissionService submissions, LoadRecords loads, JobExecutionRepository executions,
             SymbolRepository symbols, NightlyWindows nightlyWindows, CalendarSettings calendars, DatabaseClient db) {
        this.submissions = submissions;
        this.loads = loads;
        this.executions = executions;
        this.symbols = symbols;
        this.nightlyWindows = nightlyWindows;
        this.calendars = calendars;
        this.db = db;
    }

    /**
     * What to load; a null asset class keeps a tracked symbol's and gives a new one what its ticker implies (X: crypto,
     * C: forex, else stock), a null start is where the nightly load would start, a null end now.
     */
    record Trigger(List<String> symbols, AssetClass assetClass, List<Timeframe> timeframes, Instant start, Instant end) {
    }

    Mono<TriggerAccepted> trigger(Trigger trigger) {
        // to the microsecond, as every time stored and given to the API is
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant end = trigger.end() == null ? now : trigger.end();
        Mono<Instant> start = trigger.start() != null ? Mono.just(trigger.start()) : defaultStart(trigger, now);
        return start.flatMap(from -> {
            if (!from.isBefore(end)) {
                return Mono.error(ApiProblem.badRequest("Nothing to load: the window starts at " + from
                        + " (where the nightly load would: the last stored bar less the overlap, else the history start)"
                        + " and ends at " + end + "; pass an earlier 'start'"));
            }
            LoadRequest request = new LoadRequest(LoadRequest.newId(), trigger.symbols(), trigger.timeframes(),
                    from, end, LoadRequest.POLYGON);
            return blocking(() -> submissions.submitTracking(request, trigger.assetClass()))
                    .onErrorMap(SymbolTracking.AssetClassConflict.class, conflict -> ApiProblem.conflict(conflict.getMessage()))
                    .flatMap(submission -> submission.existing()
                            ? refusedFor(submission.jobId(), request, "trigger it again once it has ended",
                                    "trigger the rest without those series or once it has ended")
                            : assetClassesOf(trigger.symbols())
                                    .map(assetClasses -> accepted(submission, trigger, assetClasses, from, end)));
        });
    }

    /**
     * The 409 for a load that shares series with an active job: which ones, when the job is the scheduler's, and what
     * to do when it shares all of them or only some.
     */
    private <T> Mono<T> refusedFor(String activeJobId, LoadRequest refused, String whatNextForAll,
                                   String whatNextForSome) {
        return blocking(() -> submissions.find(activeJobId)).flatMap(active -> {
            List<String> shared = active.map(refused::sharedSeries).orElse(List.of());
            return Mono.error(ApiProblem.seriesAlreadyLoading(activeJobId,
                    shared.isEmpty() ? "some series" : String.join(", ", shared),
                    active.filter(refused::hasEverySeriesIn).isPresent() ? whatNextForAll : whatNextForSome));
        });
    }

    Mono<JobView> view(String jobId) {
        return blocking(() -> loads.find(jobId))
                .flatMap(Mono::justOrEmpty)
                .flatMap(load -> load.jobInstanceId() == null ? Mono.just(JobView.of(load, List.of()))
                        : executions.partitions(load.jobInstanceId()).collectList()
                                .flatMap(partitions -> providerFailures(load, partitions).map(failures ->
                                        JobView.of(load, partitions.stream().map(p ->
                                                JobView.PartitionView.of(p, failures.get(p.series()))).toList()))))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No load job " + jobId
                        + "; GET /api/v1/enrichment/jobs lists the recent ones")));
    }

    /** By series, the provider failures of a running load's partitions in its run, since each one's last success. */
    private Mono<Map<PartitionName, ProviderFailures>> providerFailures(LoadRecord load, List<Partition> partitions) {
        List<PartitionName> running = partitions.stream()
                .filter(p -> LoadStatus.ofPartitionBatchStatus(p.batchStatus()) == LoadStatus.IN_PROGRESS)
                .map(Partition::series)
                .toList();
        if (load.status() != LoadStatus.IN_PROGRESS || load.jobExecutionId() == null || running.isEmpty()) {
            return Mono.just(Map.of());
        }
        return executions.providerFailuresSinceLastSuccess(load.jobExecutionId(), running)
                .collectMap(ProviderFailures::series);
    }

    /** The newest jobs first, as {@code mdw jobs} lists them; without their partitions. */
    Flux<JobView> recent(int limit) {
        return blocking(() -> loads.recent(limit)).flatMapIterable(recent -> recent)
                .map(load -> JobView.of(load, null));
    }

    /** Submits a failed job again; it resumes where its last execution stopped. */
    Mono<JobView> restart(String jobId) {
        return view(jobId).flatMap(job -> switch (job.status()) {
            case "queued", "in_progress" -> Mono.error(ApiProblem.jobAlreadyActive(jobId));
            case "completed" -> Mono.error(ApiProblem.conflict("Job " + jobId
                    + " completed; there is nothing to restart (POST /api/v1/enrichment/trigger loads again)"));
            default -> blocking(() -> submissions.resubmit(jobId))
                    .onErrorMap(NoSuchElementException.class, e -> ApiProblem.conflict("Job " + jobId
                            + " was not submitted through the scheduler (a CLI run?); restart it with: mdw restart " + jobId))
                    .flatMap(submission -> submission.existing()
                            ? blocking(() -> submissions.find(jobId)).flatMap(request -> refusedFor(submission.jobId(),
                                    request.orElseThrow(), "restart job " + jobId + " once it has ended",
                                    "restart job " + jobId + " once it has ended"))
                            : view(jobId));
        });
    }

    static String statusUrl(String jobId) {
        return "/api/v1/enrichment/jobs/" + jobId;
    }

    /** The earliest of the requested series' nightly starts, so that the one window covers each of them. */
    private Mono<Instant> defaultStart(Trigger trigger, Instant now) {
        return db.sql("""
                        SELECT s.symbol, t.timeframe, %s AS reload_from,
                               (SELECT history_start FROM symbols tracked WHERE tracked.symbol = s.symbol) AS history_start
                        FROM unnest(CAST(:symbols AS text[])) AS s(symbol), unnest(CAST(:timeframes AS text[])) AS t(timeframe)
                        """.formatted(TrackedSeries.reloadFromSql("s.symbol", "t.timeframe")))
                .bind("reloadedBars", nightlyWindows.reloadedBars())
                .bind("symbols", trigger.symbols().toArray(String[]::new))
                .bind("timeframes", trigger.timeframes().stream().map(Timeframe::code).toArray(String[]::new))
                .map(row -> new TrackedSeries(row.get("symbol", String.class),
                        Timeframe.fromCode(row.get("timeframe", String.class)), Rows.instant(row, "reload_from"),
                        row.get("history_start", LocalDate.class)))
                .all()
                .map(series -> nightlyWindows.from(series, now))
                .reduce((a, b) -> a.isBefore(b) ? a : b);
    }

    /** The asset class each symbol is tracked with (the submission has just tracked them all). */
    private Mono<Map<String, AssetClass>> assetClassesOf(List<String> tickers) {
        return Flux.fromIterable(tickers)
                .concatMap(symbols::find)
                .collectMap(TrackedSymbol::symbol, tracked -> AssetClass.fromCode(tracked.assetClass()));
    }

    private TriggerAccepted accepted(Submission submission, Trigger trigger, Map<String, AssetClass> assetClasses,
                                     Instant from, Instant end) {
        long records = 0;
        long requests = 0;
        for (String symbol : trigger.symbols()) {
            for (Timeframe timeframe : trigger.timeframes()) {
                long bars = calendars.forAssetClass(assetClasses.get(symbol)).countExpectedBars(timeframe, from, end);
                records += bars;
                requests += Math.max(1, (bars + BARS_PER_REQUEST - 1) / BARS_PER_REQUEST);
            }
        }
        // one class for the whole request (the old single-symbol field); none when the symbols have several
        Set<String> classes = assetClasses.values().stream().map(AssetClass::code).collect(Collectors.toSet());
        return new TriggerAccepted(submission.jobId(), trigger.symbols().get(0), trigger.symbols(),
                classes.size() == 1 ? classes.iterator().next() : null,
                trigger.timeframes().stream().map(Timeframe::code).toList(), from, end,
                LoadStatus.QUEUED.code(), records, requests * SECONDS_PER_REQUEST, statusUrl(submission.jobId()),
                Instant.now());
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
