package io.mdw.api.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.mdw.api.scheduler.SchedulerRepository;
import io.mdw.api.series.SeriesRepository;
import io.mdw.api.series.SeriesSummary;
import io.mdw.api.web.Rows;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An overview of the warehouse's contents and the scheduler, as the old /api/v1/status gave it. */
@RestController
class StatusController {

    static final String API_VERSION = "2.0.0";

    private final SeriesRepository series;
    private final SchedulerRepository scheduler;

    StatusController(SeriesRepository series, SchedulerRepository scheduler) {
        this.series = series;
        this.scheduler = scheduler;
    }

    @NullMarked
    record Database(long symbolsAvailable, @Nullable Instant latestData, long totalRecords, long validatedRecords,
                    @Nullable BigDecimal validationRatePct) {
    }

    /** @param recordsWithGapsFlagged bars flagged price_gap or missing_bars (gap_detected in the bars served) */
    @NullMarked
    record DataQuality(long recordsWithGapsFlagged, String schedulerStatus) {
    }

    @NullMarked
    record Status(String apiVersion, String status, Instant timestamp, Database database, DataQuality dataQuality) {
    }

    @GetMapping("/api/v1/status")
    Mono<Status> status() {
        Instant now = Instant.now();
        return Mono.zip(scheduler.anyNodeAlive(now), series.all().collectList())
                .map(both -> {
                    List<SeriesSummary> all = both.getT2();
                    long total = all.stream().mapToLong(SeriesSummary::records).sum();
                    long validated = all.stream().mapToLong(SeriesSummary::validatedRecords).sum();
                    Database database = new Database(all.stream().map(SeriesSummary::symbol).distinct().count(),
                            all.stream().map(SeriesSummary::latestBar).max(Comparator.naturalOrder()).orElse(null),
                            total, validated, Rows.percent(validated, total));
                    return new Status(API_VERSION, "operational", now, database,
                            new DataQuality(all.stream().mapToLong(SeriesSummary::gapDetectedRecords).sum(),
                                    both.getT1() ? "running" : "stopped"));
                });
    }
}
