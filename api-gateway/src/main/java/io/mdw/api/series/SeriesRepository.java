package io.mdw.api.series;

import java.math.BigDecimal;

import io.mdw.api.web.Rows;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Per-series figures of the warehouse, the common ground of the status, symbol, enrichment and staleness reports. */
@Repository
public class SeriesRepository {

    /**
     * Counts summed over quality_daily, which the load job recomputes from the bars of every day it writes (so
     * they are the warehouse's own), and the latest bar by one descent of the bars primary key per series: no
     * scan of bars, whose size this would otherwise grow with.
     */
    private static final String SUMMARIES = """
            SELECT q.symbol, q.timeframe, s.asset_class, q.records, q.validated_records, q.gap_detected_records,
                   (SELECT max(b.time) FROM bars b WHERE b.symbol = q.symbol AND b.timeframe = q.timeframe) AS latest_bar
            FROM (SELECT symbol, timeframe, sum(records) AS records, sum(validated_records) AS validated_records,
                         sum(gap_detected_records) AS gap_detected_records
                  FROM quality_daily
                  GROUP BY symbol, timeframe
                  HAVING sum(records) > 0) q
            LEFT JOIN symbols s ON s.symbol = q.symbol
            ORDER BY q.symbol, q.timeframe
            """;

    /** One symbol's series from its bars (a range of the primary key): the average score and ingestion time too. */
    private static final String STATS = """
            SELECT b.symbol, b.timeframe, s.asset_class, count(*) AS records,
                   count(*) FILTER (WHERE b.validated) AS validated_records,
                   max(b.time) AS latest_bar, max(b.ingested_at) AS last_ingested, avg(b.quality_score) AS avg_quality
            FROM bars b LEFT JOIN symbols s ON s.symbol = b.symbol
            WHERE b.symbol = :symbol
            GROUP BY b.symbol, b.timeframe, s.asset_class
            ORDER BY b.symbol, b.timeframe
            """;

    /**
     * The series from quality_daily (the load job keeps a row per day it writes), each one's latest features by one
     * descent of the bar_features primary key: no scan of bar_features, whose size this would otherwise grow with.
     */
    private static final String LATEST_FEATURES = """
            SELECT symbol, timeframe, latest
            FROM (SELECT s.symbol, s.timeframe,
                         (SELECT max(f.time) FROM bar_features f
                          WHERE f.symbol = s.symbol AND f.timeframe = s.timeframe) AS latest
                  FROM (SELECT DISTINCT symbol, timeframe FROM quality_daily) s) series
            WHERE latest IS NOT NULL
            """;

    private final DatabaseClient db;

    SeriesRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Every series that has bars, by symbol and timeframe. */
    public Flux<SeriesSummary> all() {
        return db.sql(SUMMARIES).map(SeriesRepository::toSummary).all();
    }

    public Flux<SeriesStats> ofSymbol(String symbol) {
        return db.sql(STATS).bind("symbol", symbol).map(SeriesRepository::toStats).all();
    }

    /** Every series that has features, with the time of its latest. */
    public Flux<LatestFeatures> latestFeatures() {
        return db.sql(LATEST_FEATURES)
                .map(row -> new LatestFeatures(row.get("symbol", String.class),
                        Timeframe.fromCode(row.get("timeframe", String.class)), Rows.instant(row, "latest")))
                .all();
    }

    private static SeriesSummary toSummary(io.r2dbc.spi.Readable row) {
        String symbol = row.get("symbol", String.class);
        return new SeriesSummary(symbol, Timeframe.fromCode(row.get("timeframe", String.class)),
                AssetClass.ofSymbol(symbol, row.get("asset_class", String.class)),
                Rows.count(row, "records"), Rows.count(row, "validated_records"),
                Rows.count(row, "gap_detected_records"), Rows.instant(row, "latest_bar"));
    }

    private static SeriesStats toStats(io.r2dbc.spi.Readable row) {
        String symbol = row.get("symbol", String.class);
        return new SeriesStats(symbol, Timeframe.fromCode(row.get("timeframe", String.class)),
                AssetClass.ofSymbol(symbol, row.get("asset_class", String.class)),
                Rows.count(row, "records"), Rows.count(row, "validated_records"),
                Rows.instant(row, "latest_bar"), Rows.instant(row, "last_ingested"),
                row.get("avg_quality", BigDecimal.class));
    }
}
