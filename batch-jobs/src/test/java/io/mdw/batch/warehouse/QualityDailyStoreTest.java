package io.mdw.batch.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import io.mdw.db.testing.TestWarehouse;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class QualityDailyStoreTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.newMigratedDatabase());

    @Test
    void aDayCountsItsMissingBarsAsGapsAndTheBarsOwnFindingsAsAnomalies() {
        String[] flagsByHour = {"{}", "{ohlc_invalid}", "{extreme_move}", "{price_gap}", "{missing_bars}",
                "{volume_spike}", "{volume_drought}", "{price_gap,missing_bars}"};
        for (int hour = 0; hour < flagsByHour.length; hour++) {
            jdbc.update("""
                    INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score, validated,
                                      flags, source)
                    VALUES ('X:QDUSD', '1h', ?::timestamptz, 1, 1, 1, 1, 1, 1, true, ?::text[], 'file')""",
                    "2024-03-04T%02d:00:00Z".formatted(hour), flagsByHour[hour]);
        }

        new QualityDailyStore(jdbc).refresh("X:QDUSD", Timeframe.ONE_HOUR,
                new TreeMap<>(Map.of(LocalDate.parse("2024-03-04"), 24)));

        assertThat(jdbc.queryForMap("""
                SELECT records, gaps_detected, anomalies_detected, gap_detected_records FROM quality_daily
                WHERE symbol = 'X:QDUSD'"""))
                .containsEntry("records", 8)
                .containsEntry("gaps_detected", 2)
                .containsEntry("anomalies_detected", 6)
                .containsEntry("gap_detected_records", 3);
    }
}
