package io.mdw.api.series;

import java.math.BigDecimal;

import io.mdw.api.web.Rows;
import io.mdw.market.Timeframe;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Per-series figures of the bars table, the common ground of the status, symbol and staleness reports. */
@Repository
public class SeriesRepository {

    private static final String STATS = """
            SELECT b.symbol, b.timeframe, s.asset_class, count(*) AS records,
                   count(*) FILTER (WHERE b.validated) AS validated_records,
                   max(b.time) AS latest_bar, max(b.ingested_at) AS last_ingested, avg(b.quality_score) AS avg_quality
            FROM bars b LEFT JOIN symbols s ON s.symbol = b.symbol
            %s
            GROUP BY b.symbol, b.timeframe, s.asset_class
            ORDER BY b.symbol, b.timeframe
            """;

    private final DatabaseClient db;

    SeriesRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<SeriesStats> all() {
        return db.sql(STATS.formatted("")).map(SeriesRepository::toStats).all();
    }

    public Flux<SeriesStats> ofSymbol(String symbol) {
        return db.sql(STATS.formatted("WHERE b.symbol = :symbol")).bind("symbol", symbol)
                .map(SeriesRepository::toStats).all();
    }

    private static SeriesStats toStats(io.r2dbc.spi.Readable row) {
        String symbol = row.get("symbol", String.class);
        return new SeriesStats(symbol, Timeframe.fromCode(row.get("timeframe", String.class)),
                Freshness.assetClassOf(symbol, row.get("asset_class", String.class)),
                Rows.count(row, "records"), Rows.count(row, "validated_records"),
                Rows.instant(row, "latest_bar"), Rows.instant(row, "last_ingested"),
                Rows.round(row.get("avg_quality", BigDecimal.class), 3));
    }
}
