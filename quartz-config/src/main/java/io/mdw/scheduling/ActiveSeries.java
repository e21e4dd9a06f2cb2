package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads every active symbol × timeframe of the warehouse with its newest stored bar. */
final class ActiveSeries {

    private static final Logger log = LoggerFactory.getLogger(ActiveSeries.class);

    private final JdbcClient jdbc;

    ActiveSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TrackedSeries> all() {
        return jdbc.sql("""
                        select s.symbol, tf.code as timeframe, s.history_start,
                               (select max(b.time) from bars b
                                 where b.symbol = s.symbol and b.timeframe = tf.code) as last_bar
                          from symbols s cross join unnest(s.timeframes) as tf(code)
                         where s.active
                         order by s.symbol, tf.code
                        """)
                .query((rs, row) -> toSeries(rs.getString("symbol"), rs.getString("timeframe"),
                        rs.getTimestamp("last_bar"), rs.getDate("history_start")))
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    private static TrackedSeries toSeries(String symbol, String timeframeCode, Timestamp lastBar, Date historyStart) {
        Timeframe timeframe;
        try {
            timeframe = Timeframe.fromCode(timeframeCode);
        } catch (IllegalArgumentException e) {
            // one mistyped row must not stop the nightly load of all the others
            log.warn("Skipping {} {}: {}", symbol, timeframeCode, e.getMessage());
            return null;
        }
        return new TrackedSeries(symbol, timeframe,
                lastBar == null ? null : lastBar.toInstant(),
                historyStart == null ? null : historyStart.toLocalDate());
    }
}
