package io.mdw.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;

/** The forex week runs from Sunday 17:00 to Friday 17:00 New York time; its bars are aligned on UTC. */
class ForexCalendarTest {

    private final TradingCalendar forex = TradingCalendar.forAssetClass(AssetClass.FOREX, Set.of());

    @Test
    void aWeekOfIntradayBarsRunsFromSundayEveningToFridayEveningNewYorkTime() {
        // winter (New York UTC-5): 22:00 UTC; summer (UTC-4): 21:00 UTC; the week summer time starts (Sunday 2 am)
        assertWeek("2023-01-08", "2023-01-08T22:00:00Z", "2023-01-13T21:55:00Z");
        assertWeek("2023-07-09", "2023-07-09T21:00:00Z", "2023-07-14T20:55:00Z");
        assertWeek("2023-03-12", "2023-03-12T21:00:00Z", "2023-03-17T20:55:00Z");
    }

    @Test
    void bucketsThatOverlapTheWeeksEdgesAreExpected() {
        // a 4-hour bar from 20:00 UTC holds the first (last) two hours of the week
        assertThat(forex.expectedBarTimes(Timeframe.FOUR_HOURS, Instant.parse("2023-01-08T00:00:00Z"),
                Instant.parse("2023-01-09T04:00:00Z")))
                .containsExactly(Instant.parse("2023-01-08T20:00:00Z"), Instant.parse("2023-01-09T00:00:00Z"));
        assertThat(forex.expectedBarTimes(Timeframe.FOUR_HOURS, Instant.parse("2023-01-13T16:00:00Z"),
                Instant.parse("2023-01-15T00:00:00Z")))
                .containsExactly(Instant.parse("2023-01-13T16:00:00Z"), Instant.parse("2023-01-13T20:00:00Z"));
        assertThat(forex.countExpectedBars(Timeframe.ONE_HOUR, Instant.parse("2023-01-08T00:00:00Z"),
                Instant.parse("2023-01-15T00:00:00Z"))).isEqualTo(5 * 24);
    }

    @Test
    void dailyBarsAreExpectedMondayToFridayOnUtcDays() {
        assertThat(forex.expectedBarTimes(Timeframe.ONE_DAY, Instant.parse("2023-01-08T00:00:00Z"),
                Instant.parse("2023-01-15T00:00:00Z")))
                .hasSize(5)
                .startsWith(Instant.parse("2023-01-09T00:00:00Z"))
                .endsWith(Instant.parse("2023-01-13T00:00:00Z"));
        assertThat(forex.startOfDay(LocalDate.parse("2023-07-03"))).isEqualTo(Instant.parse("2023-07-03T00:00:00Z"));
    }

    @Test
    void theWeekendIsNeitherAGapNorStaleness() {
        Instant fridaysLastBar = Instant.parse("2023-01-13T21:55:00Z");
        Instant sundaysFirstBar = Instant.parse("2023-01-15T22:00:00Z");
        // what the validator counts as missing before Sunday's first bar
        assertThat(forex.countExpectedBars(Timeframe.FIVE_MINUTES, fridaysLastBar.plusNanos(1), sundaysFirstBar))
                .isZero();
        assertThat(Staleness.of(forex, Timeframe.FIVE_MINUTES, fridaysLastBar, Instant.parse("2023-01-14T12:00:00Z")))
                .isEqualTo(Staleness.FRESH);
        assertThat(forex.barsBehind(Timeframe.FIVE_MINUTES, fridaysLastBar, Instant.parse("2023-01-15T22:04:59Z")))
                .isZero();
        assertThat(forex.barsBehind(Timeframe.FIVE_MINUTES, fridaysLastBar, Instant.parse("2023-01-15T22:10:00Z")))
                .isEqualTo(2);
        // a daily series whose Friday bar is stored is fresh all weekend
        assertThat(forex.barsBehind(Timeframe.ONE_DAY, Instant.parse("2023-01-13T00:00:00Z"),
                Instant.parse("2023-01-16T00:00:00Z"))).isZero();
    }

    private void assertWeek(String sunday, String first, String last) {
        Instant from = Instant.parse(sunday + "T00:00:00Z");
        Instant to = from.plusSeconds(7 * 86_400);
        assertThat(forex.expectedBarTimes(Timeframe.FIVE_MINUTES, from, to))
                .hasSize(5 * 288)
                .startsWith(Instant.parse(first))
                .endsWith(Instant.parse(last));
        assertThat(forex.countExpectedBars(Timeframe.FIVE_MINUTES, from, to)).isEqualTo(5 * 288);
    }
}
