package io.mdw.api.quality;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.mdw.api.web.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** A symbol's daily quality (quality_daily) and its requests to the provider (provider_requests). */
@Repository
class QualityRepository {

    private final DatabaseClient db;

    QualityRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Its days from {@code since} on, by day then timeframe. */
    Flux<DailyMetric> dailyMetrics(String symbol, LocalDate since) {
        return db.sql("""
                        SELECT day, timeframe, records, validated_records, rejected_records, gaps_detected,
                               anomalies_detected, avg_quality_score, expected_records
                        FROM quality_daily WHERE symbol = :symbol AND day >= :since
                        ORDER BY day, timeframe
                        """)
                .bind("symbol", symbol).bind("since", since)
                .map(row -> {
                    long records = Rows.count(row, "records");
                    long validated = Rows.count(row, "validated_records");
                    long expected = Rows.count(row, "expected_records");
                    return new DailyMetric(row.get("day", LocalDate.class), row.get("timeframe", String.class),
                            records, validated, Rows.percent(validated, records), Rows.count(row, "rejected_records"),
                            Rows.count(row, "gaps_detected"), Rows.count(row, "anomalies_detected"),
                            row.get("avg_quality_score", BigDecimal.class), expected, Rows.percent(records, expected));
                })
                .all();
    }

    /** Its latest requests, newest first. */
    Flux<FetchLog> recentFetches(String symbol, int limit) {
        return db.sql("""
                        SELECT source, timeframe, records_fetched, records_inserted, response_time_ms, success,
                               http_status, error, requested_at
                        FROM provider_requests WHERE symbol = :symbol
                        ORDER BY requested_at DESC LIMIT :limit
                        """)
                .bind("symbol", symbol).bind("limit", limit)
                .map(row -> new FetchLog(row.get("source", String.class), row.get("timeframe", String.class),
                        Rows.count(row, "records_fetched"), row.get("records_inserted", Long.class),
                        Rows.count(row, "response_time_ms"),
                        Boolean.TRUE.equals(row.get("success", Boolean.class)), row.get("http_status", Integer.class),
                        row.get("error", String.class), Rows.instant(row, "requested_at")))
                .all();
    }
}
