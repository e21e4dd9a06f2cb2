package io.mdw.api.enrichment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.scheduler.SchedulerRepository;
import io.mdw.api.series.Freshness;
import io.mdw.api.series.SeriesRepository;
import io.mdw.api.series.SeriesStats;
import io.mdw.api.symbols.SymbolRepository;
import io.mdw.api.symbols.TrackedSymbol;
import io.mdw.api.web.Params;
import io.mdw.api.web.Rows;
import io.mdw.health.HealthStatus;
import io.mdw.health.SymbolLag;
import io.mdw.market.AssetClass;
import io.mdw.scheduling.LoadRecords;
import io.mdw.scheduling.LoadStatus;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** How each symbol's enrichment stands, and how the pipeline performs overall, from the warehouse and the JobRepository. */
@RestController
class EnrichmentStatusController {

    private final SeriesRepository series;
    private final SymbolRepository symbols;
    private final JobExecutionRepository jobs;
    private final SchedulerRepository scheduler;
    private final LoadRecords loads;
    private final WarehouseFiguresRepository warehouse;
    private final Freshness freshness;

    EnrichmentStatusController(SeriesRepository series, SymbolRepository symbols, JobExecutionRepository jobs,
                               SchedulerRepository scheduler, LoadRecords loads, WarehouseFiguresRepository warehouse,
                               Freshness freshness) {
        this.series = series;
        this.symbols = symbols;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.loads = loads;
        this.warehouse = warehouse;
        this.freshness = freshness;
    }

    /**
     * @param status         error (last load failed), not_enriched (no bars), stale (≥ 2 bars behind the calendar),
     *                       warning (1 behind or quality ≤ 0.9), healthy: {@link HealthStatus#ofEnrichment}
     * @param lastEnrichmentTime when a bar of the symbol was last stored or changed, or a load of it last completed
     *                       (one that found every bar already stored changes none), whichever is later
     * @param barsBehind     how far the symbol's worst series lags the calendar; null without bars, or when a tracked
     *                       timeframe has none
     * @param nextEnrichment the next nightly run, when it loads the symbol (tracked, active, with timeframes); null for
     *                       one only loaded from a file, or deactivated
     */
    @NullMarked
    record SymbolStatus(String symbol, String assetClass, String status, @Nullable Instant lastEnrichmentTime,
                        @Nullable Long dataAgeSeconds, long recordsAvailable, @Nullable BigDecimal qualityScore,
                        @Nullable BigDecimal validationRate, @Nullable Long barsBehind,
                        List<String> timeframesAvailable, @Nullable Instant nextEnrichment,
                        @Nullable String errorMessage, Instant timestamp) {
    }

    @GetMapping("/api/v1/enrichment/status/{symbol}")
    Mono<SymbolStatus> status(@PathVariable String symbol) {
        String ticker = Params.symbol(symbol);
        Instant now = Instant.now();
        return Mono.zip(series.ofSymbol(ticker).collectList(),
                        symbols.find(ticker).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        jobs.loadsOf(ticker),
                        scheduler.nextRecurringFire().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(all -> {
                    List<SeriesStats> stats = all.getT1();
                    Optional<TrackedSymbol> tracked = all.getT2();
                    if (stats.isEmpty() && tracked.isEmpty()) {
                        throw ApiProblem.notFound("Unknown symbol '" + ticker
                                + "'; it is neither tracked nor loaded (POST /api/v1/enrichment/trigger loads it)");
                    }
                    // only the series the nightly run loads get a next run: a tracked, active symbol's timeframes
                    boolean loadedNightly = tracked.map(t -> !t.activeTimeframes().isEmpty()).orElse(false);
                    Instant next = loadedNightly ? all.getT4().orElse(null) : null;
                    return status(ticker, stats, tracked, all.getT3(), next, now);
                });
    }

    private SymbolStatus status(String ticker, List<SeriesStats> stats, Optional<TrackedSymbol> tracked,
                                JobExecutionRepository.SymbolLoads loads, Instant next, Instant now) {
        Optional<String> error = loads.lastError();
        String assetClass = tracked.map(TrackedSymbol::assetClass)
                .orElseGet(() -> AssetClass.ofTicker(ticker).code());
        if (stats.isEmpty()) {
            return new SymbolStatus(ticker, assetClass, HealthStatus.ofNothingLoaded(error.isPresent()).code(), null,
                    null, 0, null, null, null, List.of(), next, error.orElse(null), now);
        }
        long records = stats.stream().mapToLong(SeriesStats::records).sum();
        long validated = stats.stream().mapToLong(SeriesStats::validatedRecords).sum();
        BigDecimal quality = Rows.round(Rows.meanScore(stats, SeriesStats::avgQualityScore, SeriesStats::records), 3);
        SymbolLag lag = freshness.symbolLag(stats, tracked.map(TrackedSymbol::activeTimeframes).orElse(Set.of()), now);
        Instant latestBar = stats.stream().map(SeriesStats::latestBar).max(Comparator.naturalOrder()).orElseThrow();
        // a load that found every bar already stored changes no row, yet enriched the symbol as of its end
        Instant lastEnriched = Stream.concat(stats.stream().map(SeriesStats::lastIngested), loads.lastCompleted().stream())
                .max(Comparator.naturalOrder()).orElseThrow();
        BigDecimal validationRate = Rows.percent(validated, records);
        String status = HealthStatus.ofEnrichment(error.isPresent(), lag, quality, validationRate).code();
        return new SymbolStatus(ticker, assetClass, status, lastEnriched, Duration.between(latestBar, now).toSeconds(),
                records, quality, validationRate, lag.barsBehind(),
                stats.stream().map(s -> s.timeframe().code()).toList(), next, error.orElse(null), now);
    }

    @NullMarked
    record FetchPipeline(long totalFetches, long successful, @Nullable BigDecimal successRate,
                         @Nullable BigDecimal avgResponseTimeMs, @Nullable Integer apiQuotaRemaining) {
    }

    @NullMarked
    record ComputePipeline(long totalComputations, long successful, @Nullable BigDecimal successRate,
                           @Nullable BigDecimal avgComputationTimeMs) {
    }

    @NullMarked
    record TrackedDataQuality(long symbolsTracked, @Nullable BigDecimal avgValidationRate,
                              @Nullable BigDecimal avgQualityScore) {
    }

    /** @param pending loads submitted and waiting for a batch node */
    record BackfillProgress(long inProgress, long completed, long failed, long pending) {
    }

    @NullMarked
    record Metrics(FetchPipeline fetchPipeline, ComputePipeline computePipeline, TrackedDataQuality dataQuality,
                   BackfillProgress backfillProgress, Instant timestamp) {
    }

    /**
     * Fetches come from provider_requests, computations are the load job's partition steps, quality from
     * quality_daily; api_quota_remaining is null because Polygon does not report a quota.
     */
    @GetMapping("/api/v1/enrichment/metrics")
    Mono<Metrics> metrics() {
        Mono<FetchPipeline> fetch = warehouse.fetchFigures().map(f -> new FetchPipeline(f.total(), f.successful(),
                Rows.percent(f.successful(), f.total()), Rows.round(f.avgResponseTimeMs(), 1), null));
        Mono<ComputePipeline> compute = jobs.computeFigures().map(f -> new ComputePipeline(f.total(), f.successful(),
                Rows.percent(f.successful(), f.total()), Rows.round(f.avgDurationMs(), 1)));
        Mono<TrackedDataQuality> quality = warehouse.qualityFigures().map(f -> new TrackedDataQuality(f.symbolsTracked(),
                Rows.percent(f.validatedRecords(), f.records()), Rows.round(f.avgQualityScore(), 3)));
        // by the loads' one status rule: a failed load queued again is pending, not failed
        Mono<BackfillProgress> progress = Mono.zip(Mono.fromCallable(loads::countRunLoadsByStatus)
                        .subscribeOn(Schedulers.boundedElastic()), scheduler.queuedLoads())
                .map(both -> {
                    Map<LoadStatus, Long> counts = both.getT1();
                    return new BackfillProgress(counts.getOrDefault(LoadStatus.IN_PROGRESS, 0L),
                            counts.getOrDefault(LoadStatus.COMPLETED, 0L), counts.getOrDefault(LoadStatus.FAILED, 0L),
                            both.getT2());
                });
        return Mono.zip(fetch, compute, quality, progress)
                .map(all -> new Metrics(all.getT1(), all.getT2(), all.getT3(), all.getT4(), Instant.now()));
    }
}
