package io.mdw.api.enrichment;

import java.math.BigDecimal;

import io.mdw.api.web.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The pipeline figures the warehouse's own tables hold; those of the JobRepository are {@link JobExecutionRepository}'s. */
@Repository
class WarehouseFiguresRepository {

    private final DatabaseClient db;

    WarehouseFiguresRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Requests to the provider: how many, how many succeeded, their average response time. */
    record FetchFigures(long total, long successful, BigDecimal avgResponseTimeMs) {
    }

    Mono<FetchFigures> fetchFigures() {
        return db.sql("""
                        SELECT count(*) AS total, count(*) FILTER (WHERE success) AS successful,
                               avg(response_time_ms) AS avg_ms
                        FROM provider_requests
                        """)
                .map(row -> new FetchFigures(Rows.count(row, "total"), Rows.count(row, "successful"),
                        row.get("avg_ms", BigDecimal.class)))
                .one();
    }

    /** @param avgQualityScore over all stored bars (each day's average weighted by its records); null without any */
    record QualityFigures(long symbolsTracked, long records, long validatedRecords, BigDecimal avgQualityScore) {
    }

    Mono<QualityFigures> qualityFigures() {
        return db.sql("""
                        SELECT (SELECT count(*) FROM symbols WHERE active) AS tracked,
                               sum(validated_records) AS validated, sum(records) AS records,
                               sum(avg_quality_score * records) / nullif(sum(records), 0) AS quality
                        FROM quality_daily
                        """)
                .map(row -> new QualityFigures(Rows.count(row, "tracked"), Rows.count(row, "records"),
                        Rows.count(row, "validated"), row.get("quality", BigDecimal.class)))
                .one();
    }
}
