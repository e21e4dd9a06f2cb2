package io.mdw.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mdw.api.ApiTestSupport;
import io.mdw.calendar.NyseCalendar;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QualityApiTest extends ApiTestSupport {

    /** Known as the bar reads know a symbol: tracked or with bars; quality rows alone do not make it known. */
    @Test
    void aSymbolHasAReportWhenTrackedOrWithBars() {
        insertSymbol("QTRACKED", "stock");
        insertBar("X:QBARSUSD", "1d", Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS),
                "10", "11", "9", "10", "5", "0.95");
        // a day whose bars were all rejected, of a symbol never tracked
        jdbc.update("""
                INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                           gaps_detected, anomalies_detected, gap_detected_records, expected_records)
                VALUES ('X:QREJECTEDUSD', '1d', current_date - 1, 0, 0, 3, 0, 0, 0, 1)
                """);

        JsonNode tracked = json(client.get().uri("/api/v1/data/quality/QTRACKED").exchange().expectStatus().isOk());
        assertThat(tracked.get("daily_metrics")).isEmpty();
        JsonNode withBars = json(client.get().uri("/api/v1/data/quality/X:QBARSUSD").exchange().expectStatus().isOk());
        assertThat(withBars.get("daily_metrics")).hasSize(1);

        problem(client.get().uri("/api/v1/data/quality/X:QREJECTEDUSD").exchange(), 404, "Unknown symbol 'X:QREJECTEDUSD'");
        problem(client.get().uri("/api/v1/historical/X:QREJECTEDUSD?start=2024-01-01&end=2024-01-02").exchange(), 404,
                "Unknown symbol 'X:QREJECTEDUSD'");
    }

    /**
     * The summary's score is the mean of the bars' scores (0.95, 0.95, 0.96 one day, 0.95 the next: 0.9525, shown
     * 0.953), not of the days' averages as shown (0.953 and 0.950: 0.95225, shown 0.952); each average is shown to 3
     * decimals.
     */
    @Test
    void theSummarysAverageScoreIsTheMeanOfTheBarsScoresNotOfTheDaysRoundedAverages() {
        Instant twoDaysAgo = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);
        List<String> scores = List.of("0.95", "0.95", "0.96");
        for (int hour = 0; hour < scores.size(); hour++) {
            insertBar("X:QMEANUSD", "1h", twoDaysAgo.plus(hour, ChronoUnit.HOURS), "10", "11", "9", "10", "5",
                    scores.get(hour));
        }
        insertBar("X:QMEANUSD", "1h", twoDaysAgo.plus(1, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");

        JsonNode report = json(client.get().uri("/api/v1/data/quality/X:QMEANUSD?days=7").exchange()
                .expectStatus().isOk());

        assertThat(report.get("daily_metrics").valueStream().map(day -> day.get("avg_quality_score").decimalValue()))
                .containsExactly(new BigDecimal("0.953"), new BigDecimal("0.950"));
        assertThat(report.get("summary").get("avg_quality_score").decimalValue()).isEqualTo(new BigDecimal("0.953"));
    }

    /**
     * Polygon's hourly stock bars run 04:00–20:00 New York time, the calendar expects the 7 of the regular session
     * (09:00–15:00): the bars outside it are records, and do not make a day more than complete.
     */
    @Test
    void aStockDaysCompletenessIsOfTheRegularSessionsBarsWhateverExtendedHoursBarsItHas() {
        insertSymbol("QEXTENDED", "stock");
        LocalDate complete = tradingDayBefore(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        LocalDate oneMissing = tradingDayBefore(complete);
        for (int hour = 4; hour <= 18; hour++) {
            hourlyStockBar(complete, LocalTime.of(hour, 0));
            if (hour != 12) {
                hourlyStockBar(oneMissing, LocalTime.of(hour, 0));
            }
        }
        // off the hour: no bar the calendar expects, so it stands in for none
        hourlyStockBar(oneMissing, LocalTime.of(12, 30));
        // as the load job stores them: the calendar's count of the day
        jdbc.update("UPDATE quality_daily SET expected_records = 7 WHERE symbol = 'QEXTENDED'");

        JsonNode days = json(client.get().uri("/api/v1/data/quality/QEXTENDED?days=30").exchange().expectStatus().isOk())
                .get("daily_metrics");
        JsonNode whole = day(days, complete);
        assertThat(whole.get("total_records").longValue()).isEqualTo(15);
        assertThat(whole.get("expected_records").longValue()).isEqualTo(7);
        assertThat(whole.get("data_completeness").decimalValue()).isEqualByComparingTo("100.00");
        JsonNode partial = day(days, oneMissing);
        assertThat(partial.get("total_records").longValue()).isEqualTo(15);
        assertThat(partial.get("expected_records").longValue()).isEqualTo(7);
        assertThat(partial.get("data_completeness").decimalValue()).isEqualByComparingTo("85.71");
    }

    /** The old service's report has one entry a date: a symbol's timeframes add up there, each listed within it. */
    @Test
    void aDayOfSeveralTimeframesIsOneEntryWithEachTimeframeInIt() {
        Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
        insertBar("X:QTWOUSD", "1d", yesterday, "10", "11", "9", "10", "5", "1.00");
        for (int hour = 0; hour < 3; hour++) {
            insertBar("X:QTWOUSD", "1h", yesterday.plus(hour, ChronoUnit.HOURS), "10", "11", "9", "10", "5",
                    hour == 0 ? "0.50" : "1.00", hour == 0 ? new String[] {"extreme_move"} : new String[0]);
        }

        JsonNode days = json(client.get().uri("/api/v1/data/quality/X:QTWOUSD?days=7").exchange().expectStatus().isOk())
                .get("daily_metrics");
        assertThat(days).hasSize(1);
        JsonNode day = days.get(0);
        assertThat(day.get("date").stringValue()).isEqualTo(LocalDate.ofInstant(yesterday, ZoneOffset.UTC).toString());
        assertThat(day.has("timeframe")).isFalse();
        assertThat(day.get("total_records").longValue()).isEqualTo(4);
        assertThat(day.get("validated_records").longValue()).isEqualTo(3);
        assertThat(day.get("validation_rate").decimalValue()).isEqualByComparingTo("75");
        assertThat(day.get("avg_quality_score").decimalValue()).isEqualByComparingTo("0.875");
        // 1 daily bar and 24 hourly ones expected, 1 + 3 stored
        assertThat(day.get("expected_records").longValue()).isEqualTo(25);
        assertThat(day.get("data_completeness").decimalValue()).isEqualByComparingTo("16.00");
        JsonNode timeframes = day.get("timeframes");
        assertThat(timeframes.valueStream().map(t -> t.get("timeframe").stringValue())).containsExactly("1d", "1h");
        assertThat(timeframes.get(1).get("total_records").longValue()).isEqualTo(3);
        assertThat(timeframes.get(1).get("data_completeness").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(timeframes.get(1).has("timeframes")).isFalse();
    }

    /** Today's bars are expected as their hours end: the hours still to come are not missing. */
    @Test
    void todayExpectsOnlyTheBarsThatHaveEnded() {
        Instant now = Instant.now();
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        long currentHour = Duration.between(midnight, now).toHours();
        // every hour so far, the current one too: Polygon serves the bar still forming
        for (long hour = 0; hour <= currentHour; hour++) {
            insertBar("X:QTODAYUSD", "1h", midnight.plus(hour, ChronoUnit.HOURS), "10", "11", "9", "10", "5", "1.00");
        }
        // as the load job stores it: the calendar's count of the whole day
        jdbc.update("UPDATE quality_daily SET expected_records = 24 WHERE symbol = 'X:QTODAYUSD'");

        JsonNode report = json(client.get().uri("/api/v1/data/quality/X:QTODAYUSD?days=2").exchange()
                .expectStatus().isOk());
        // as of the report's time, which may be past the hour, or midnight, the bars were written in
        Instant reportedAt = Instant.parse(report.get("timestamp").stringValue());
        long ended = Math.min(24, Duration.between(midnight, reportedAt).toHours());
        JsonNode today = day(report.get("daily_metrics"), LocalDate.ofInstant(midnight, ZoneOffset.UTC));
        assertThat(today.get("total_records").longValue()).isEqualTo(currentHour + 1);
        assertThat(today.get("expected_records").longValue()).isEqualTo(ended);
        if (ended == 0) {
            assertThat(today.get("data_completeness").isNull()).as("nothing expected yet, just after midnight").isTrue();
        } else {
            assertThat(today.get("data_completeness").decimalValue()).isEqualByComparingTo("100.00");
        }
    }

    private void hourlyStockBar(LocalDate day, LocalTime newYorkTime) {
        insertBar("QEXTENDED", "1h", day.atTime(newYorkTime).atZone(NyseCalendar.NEW_YORK).toInstant(),
                "10", "11", "9", "10", "5", "1.00");
    }

    private static LocalDate tradingDayBefore(LocalDate day) {
        LocalDate before = day.minusDays(1);
        while (!new NyseCalendar().isTradingDay(before)) {
            before = before.minusDays(1);
        }
        return before;
    }

    private static JsonNode day(JsonNode dailyMetrics, LocalDate date) {
        return dailyMetrics.valueStream().filter(d -> date.toString().equals(d.get("date").stringValue()))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + date + " in " + dailyMetrics));
    }
}
