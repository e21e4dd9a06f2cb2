package io.mdw.batch.warehouse;

import java.sql.Date;
import java.time.LocalDate;
import java.util.SortedMap;

import io.mdw.market.Timeframe;
import io.mdw.quality.QualityFlag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Per symbol, timeframe and UTC day: records, validated, rejected, gaps (bars flagged missing_bars), anomalies and
 * bars with gap_detected (the flag groups of {@link QualityFlag.Group}), average score (unrounded: the API averages
 * it over days and timeframes) and the count the calendar expected. Recomputed from the stored rows for the days a chunk touched, so it is always what the
 * warehouse holds, and unchanged rows are not rewritten.
 */
@Repository
public class QualityDailyStore {

    private static final String REFRESH = """
            INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                       gaps_detected, anomalies_detected, gap_detected_records, avg_quality_score,
                                       expected_records)
            SELECT ?, ?, d.day, b.records, b.validated_records,
                   (SELECT count(*) FROM rejected_bars r
                     WHERE r.symbol = ? AND r.timeframe = ?
                       AND r.time >= d.day::timestamp AT TIME ZONE 'UTC'
                       AND r.time < (d.day + 1)::timestamp AT TIME ZONE 'UTC'),
                   b.gaps_detected, b.anomalies_detected, b.gap_detected_records, b.avg_quality_score, d.expected
            FROM unnest(?::date[], ?::int[]) AS d(day, expected)
            -- LATERAL: each day is an index range scan, whatever the planner believes of the table's size
            CROSS JOIN LATERAL (
                SELECT count(*) AS records,
                       count(*) FILTER (WHERE b.validated) AS validated_records,
                       count(*) FILTER (WHERE ? = ANY (b.flags)) AS gaps_detected,
                       count(*) FILTER (WHERE b.flags && ?::text[]) AS anomalies_detected,
                       count(*) FILTER (WHERE b.flags && ?::text[]) AS gap_detected_records,
                       avg(b.quality_score) AS avg_quality_score
                FROM bars b
                WHERE b.symbol = ? AND b.timeframe = ?
                  AND b.time >= d.day::timestamp AT TIME ZONE 'UTC'
                  AND b.time < (d.day + 1)::timestamp AT TIME ZONE 'UTC') AS b
            ON CONFLICT (symbol, timeframe, day) DO UPDATE SET
                records = EXCLUDED.records, validated_records = EXCLUDED.validated_records,
                rejected_records = EXCLUDED.rejected_records, gaps_detected = EXCLUDED.gaps_detected,
                anomalies_detected = EXCLUDED.anomalies_detected, gap_detected_records = EXCLUDED.gap_detected_records,
                avg_quality_score = EXCLUDED.avg_quality_score, expected_records = EXCLUDED.expected_records,
                updated_at = now()
            WHERE (quality_daily.records, quality_daily.validated_records, quality_daily.rejected_records,
                   quality_daily.gaps_detected, quality_daily.anomalies_detected, quality_daily.gap_detected_records,
                   quality_daily.avg_quality_score, quality_daily.expected_records)
               IS DISTINCT FROM
                  (EXCLUDED.records, EXCLUDED.validated_records, EXCLUDED.rejected_records, EXCLUDED.gaps_detected,
                   EXCLUDED.anomalies_detected, EXCLUDED.gap_detected_records, EXCLUDED.avg_quality_score,
                   EXCLUDED.expected_records)""";

    private final JdbcTemplate jdbc;

    public QualityDailyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param expectedByDay the days to refresh, with the number of bars the calendar expects on each */
    public void refresh(String symbol, Timeframe timeframe, SortedMap<LocalDate, Integer> expectedByDay) {
        if (expectedByDay.isEmpty()) {
            return;
        }
        Date[] days = expectedByDay.keySet().stream().map(Date::valueOf).toArray(Date[]::new);
        Integer[] expected = expectedByDay.values().toArray(Integer[]::new);
        jdbc.execute((java.sql.Connection connection) -> {
            try (var ps = connection.prepareStatement(REFRESH)) {
                ps.setString(1, symbol);
                ps.setString(2, timeframe.code());
                ps.setString(3, symbol);
                ps.setString(4, timeframe.code());
                ps.setArray(5, connection.createArrayOf("date", days));
                ps.setArray(6, connection.createArrayOf("int4", expected));
                ps.setString(7, QualityFlag.MISSING_BARS.code());
                ps.setArray(8, connection.createArrayOf("text", QualityFlag.Group.ANOMALY.codes().toArray()));
                ps.setArray(9, connection.createArrayOf("text", QualityFlag.Group.GAP.codes().toArray()));
                ps.setString(10, symbol);
                ps.setString(11, timeframe.code());
                return ps.executeUpdate();
            }
        });
    }
}
