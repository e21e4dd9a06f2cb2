package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads every active symbol × timeframe of the warehouse with the stored bar its next load starts from. */
final class ActiveSeries {

    private static final Logger log = LoggerFactory.getLogger(ActiveSeries.class);

    private final JdbcClient jdbc;
    private final int reloadedBars;

    ActiveSeries(JdbcClient jdbc, int reloadedBars) {
        this.jdbc = jdbc;
        this.reloadedBars = reloadedBars;
    }

    List<TrackedSeries> all() {
        return jdbc.sql("""
                        select s.symbol, tf.code as timeframe, s.history_start, %s as reload_from
                          from symbols s cross join unnest(s.timeframes) as tf(code)
                         where s.active
                         order by s.symbol, tf.code
                        """.formatted(TrackedSeries.reloadFromSql("s.symbol", "tf.code")))
                .param("reloadedBars", reloadedBars)
                .query((rs, row) -> toSeries(rs.getString("symbol"), rs.getString("timeframe"),
                        rs.getTimestamp("reload_from"), rs.getDate("history_start")))
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    private static TrackedSeries toSeries(String symbol, String timeframeCode, Timestamp reloadFrom, Date historyStart) {
        Timeframe timeframe;
        try {
            timeframe = Timeframe.fromCode(timeframeCode);
        } catch (IllegalArgumentException e) {
            // one mistyped row must not stop the nightly load of all the others
            log.warn("Skipping {} {}: {}", symbol, timeframeCode, e.getMessage());
            return null;
        }
        return new TrackedSeries(symbol, timeframe,
                reloadFrom == null ? null : reloadFrom.toInstant(),
                historyStart == null ? null : historyStart.toLocalDate());
    }
}
