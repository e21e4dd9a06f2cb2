package io.mdw.batch.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The last stored bar of every series the warehouse tracks or holds, read from the warehouse. */
@Repository
public class SeriesFreshness {

    /** A series and the start of its last stored bar (null when it has none yet). */
    public record LastBar(String symbol, Timeframe timeframe, AssetClass assetClass, Instant lastBarTime) {
    }

    private final JdbcClient jdbc;

    public SeriesFreshness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Active symbols × their timeframes, plus any series with stored bars that is not among them; inactive symbols
     * (deactivated, or only loaded from a file) are left out. The last bar is found through the bars' primary key, one
     * index probe per series.
     */
    public List<LastBar> lastBars() {
        return jdbc.sql("""
                SELECT series.symbol, series.timeframe, s.asset_class,
                       (SELECT max(b.time) FROM bars b
                        WHERE b.symbol = series.symbol AND b.timeframe = series.timeframe) AS last_bar
                FROM (SELECT symbol, unnest(timeframes) AS timeframe FROM symbols WHERE active
                      UNION
                      SELECT DISTINCT symbol, timeframe FROM quality_daily) series
                LEFT JOIN symbols s ON s.symbol = series.symbol
                WHERE s.active IS NOT FALSE
                ORDER BY 1, 2""")
                .query((rs, row) -> {
                    String symbol = rs.getString("symbol");
                    String assetClass = rs.getString("asset_class");
                    Timestamp last = rs.getTimestamp("last_bar");
                    return new LastBar(symbol, Timeframe.fromCode(rs.getString("timeframe")),
                            AssetClass.ofSymbol(symbol, assetClass),
                            last == null ? null : last.toInstant());
                })
                .list();
    }
}
