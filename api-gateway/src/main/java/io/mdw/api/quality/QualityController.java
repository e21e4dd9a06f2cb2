package io.mdw.api.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import io.mdw.api.web.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The daily quality report of a symbol (quality_daily) with its recent provider requests. */
@RestController
class QualityController {

    private static final int RECENT_FETCHES = 20;

    private final DatabaseClient db;

    QualityController(DatabaseClient db) {
        this.db = db;
    }

    record Summary(BigDecimal avgValidationRate, BigDecimal avgQualityScore, long totalGapsDetected,
                   long totalAnomalies, long totalRecords, long totalRejected) {
    }

    /** Rates and completeness in percent; completeness = records / records the calendar expected. */
    record DailyMetric(LocalDate date, String timeframe, long totalRecords, long validatedRecords,
                       BigDecimal validationRate, long rejectedRecords, long gapsDetected, long anomaliesDetected,
                       BigDecimal avgQualityScore, long expectedRecords, BigDecimal dataCompleteness) {
    }

    /** records_inserted is null: the warehouse logs what a request fetched; the job's partitions report what was written. */
    record FetchLog(String source, String timeframe, long recordsFetched, Long recordsInserted, long responseTimeMs,
                    boolean success, Integer httpStatus, String error, Instant timestamp) {
    }

    record QualityReport(String symbol, int periodDays, Summary summary, List<DailyMetric> dailyMetrics,
                         List<FetchLog> recentFetchLogs, Instant timestamp) {
    }

    @GetMapping("/api/v1/data/quality/{symbol}")
    Mono<QualityReport> quality(@PathVariable String symbol, @RequestParam(defaultValue = "7") int days) {
        String ticker = Params.symbol(symbol);
        if (days < 1 || days > 365) {
            throw ApiProblem.badRequest("'days' must be between 1 and 365; got " + days);
        }
        LocalDate since = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
        Mono<List<DailyMetric>> daily = db.sql("""
                        SELECT day, timeframe, records, validated_records, rejected_records, gaps_detected,
                               anomalies_detected, avg_quality_score, expected_records
                        FROM quality_daily WHERE symbol = :symbol AND day >= :since
                        ORDER BY day, timeframe
                        """)
                .bind("symbol", ticker).bind("since", since)
                .map(row -> {
                    long records = Rows.count(row, "records");
                    long validated = Rows.count(row, "validated_records");
                    long expected = Rows.count(row, "expected_records");
                    return new DailyMetric(row.get("day", LocalDate.class), row.get("timeframe", String.class),
                            records, validated, Rows.percent(validated, records), Rows.count(row, "rejected_records"),
                            Rows.count(row, "gaps_detected"), Rows.count(row, "anomalies_detected"),
                            row.get("avg_quality_score", BigDecimal.class), expected, Rows.percent(records, expected));
                })
                .all().collectList();
        Mono<List<FetchLog>> fetches = db.sql("""
                        SELECT source, timeframe, records_fetched, response_time_ms, success, http_status, error, requested_at
                        FROM provider_requests WHERE symbol = :symbol
                        ORDER BY requested_at DESC LIMIT :limit
                        """)
                .bind("symbol", ticker).bind("limit", RECENT_FETCHES)
                .map(row -> new FetchLog(row.get("source", String.class), row.get("timeframe", String.class),
                        Rows.count(row, "records_fetched"), null, Rows.count(row, "response_time_ms"),
                        Boolean.TRUE.equals(row.get("success", Boolean.class)), row.get("http_status", Integer.class),
                        row.get("error", String.class), Rows.instant(row, "requested_at")))
                .all().collectList();
        Mono<Boolean> known = db.sql("""
                        SELECT EXISTS (SELECT 1 FROM symbols WHERE symbol = :symbol)
                            OR EXISTS (SELECT 1 FROM bars WHERE symbol = :symbol)
                            OR EXISTS (SELECT 1 FROM quality_daily WHERE symbol = :symbol) AS known
                        """)
                .bind("symbol", ticker).map(row -> Boolean.TRUE.equals(row.get("known", Boolean.class))).one();
        return Mono.zip(known, daily, fetches).map(all -> {
            if (!all.getT1()) {
                throw ApiProblem.notFound("Unknown symbol '" + ticker + "'; GET /api/v1/symbols lists the available ones");
            }
            return new QualityReport(ticker, days, summarize(all.getT2()), all.getT2(), all.getT3(), Instant.now());
        });
    }

    private static Summary summarize(List<DailyMetric> days) {
        long records = days.stream().mapToLong(DailyMetric::totalRecords).sum();
        long validated = days.stream().mapToLong(DailyMetric::validatedRecords).sum();
        BigDecimal weighted = days.stream()
                .filter(d -> d.avgQualityScore() != null)
                .map(d -> d.avgQualityScore().multiply(BigDecimal.valueOf(d.totalRecords())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Summary(Rows.percent(validated, records),
                records == 0 ? null : weighted.divide(BigDecimal.valueOf(records), 3, java.math.RoundingMode.HALF_UP),
                days.stream().mapToLong(DailyMetric::gapsDetected).sum(),
                days.stream().mapToLong(DailyMetric::anomaliesDetected).sum(), records,
                days.stream().mapToLong(DailyMetric::rejectedRecords).sum());
    }
}
