package io.mdw.api.status;

import java.math.BigDecimal;
import java.time.Instant;

import io.mdw.api.scheduler.SchedulerRepository;
import io.mdw.api.web.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An overview of the warehouse's contents and the scheduler, as the old /api/v1/status gave it. */
@RestController
class StatusController {

    static final String API_VERSION = "2.0.0";

    private final DatabaseClient db;
    private final SchedulerRepository scheduler;

    StatusController(DatabaseClient db, SchedulerRepository scheduler) {
        this.db = db;
        this.scheduler = scheduler;
    }

    record Database(long symbolsAvailable, Instant latestData, long totalRecords, long validatedRecords,
                    BigDecimal validationRatePct) {
    }

    /** @param recordsWithGapsFlagged bars flagged price_gap or missing_bars */
    record DataQuality(long recordsWithGapsFlagged, String schedulerStatus) {
    }

    record Status(String apiVersion, String status, Instant timestamp, Database database, DataQuality dataQuality) {
    }

    @GetMapping("/api/v1/status")
    Mono<Status> status() {
        Instant now = Instant.now();
        Mono<Status> fromBars = db.sql("""
                        SELECT count(DISTINCT symbol) AS symbols, max(time) AS latest, count(*) AS total,
                               count(*) FILTER (WHERE validated) AS validated,
                               count(*) FILTER (WHERE flags && ARRAY['price_gap', 'missing_bars']) AS gaps
                        FROM bars
                        """)
                .map(row -> {
                    long total = Rows.count(row, "total");
                    long validated = Rows.count(row, "validated");
                    Database database = new Database(Rows.count(row, "symbols"), Rows.instant(row, "latest"), total,
                            validated, Rows.percent(validated, total));
                    return new Status(API_VERSION, "operational", now, database,
                            new DataQuality(Rows.count(row, "gaps"), null));
                })
                .one();
        return Mono.zip(fromBars, scheduler.anyNodeAlive(now)).map(both -> {
            Status status = both.getT1();
            return new Status(status.apiVersion(), status.status(), now, status.database(),
                    new DataQuality(status.dataQuality().recordsWithGapsFlagged(), both.getT2() ? "running" : "stopped"));
        });
    }
}
