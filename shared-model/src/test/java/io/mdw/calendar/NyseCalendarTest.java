package io.mdw.calendar;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class NyseCalendarTest {

    private final NyseCalendar calendar = new NyseCalendar();

    @Test
    void holidaysOf2021ObserveSaturdayAndSundayHolidaysAndHaveNoJuneteenth() {
        assertThat(holidays(2021)).containsExactly(
                d("2021-01-01"), d("2021-01-18"), d("2021-02-15"), d("2021-04-02"), d("2021-05-31"),
                d("2021-07-05"), d("2021-09-06"), d("2021-11-25"), d("2021-12-24"));
        assertThat(calendar.isTradingDay(d("2021-06-18"))).isTrue();
        // 2022's New Year's Day is a Saturday: not observed, so the last day of 2021 trades.
        assertThat(calendar.isTradingDay(d("2021-12-31"))).isTrue();
    }

    @Test
    void holidaysOf2022IncludeTheObservedJuneteenthAndNoNewYearsDay() {
        assertThat(holidays(2022)).containsExactly(
                d("2022-01-17"), d("2022-02-21"), d("2022-04-15"), d("2022-05-30"), d("2022-06-20"),
                d("2022-07-04"), d("2022-09-05"), d("2022-11-24"), d("2022-12-26"));
    }

    @Test
    void holidaysOf2023And2024() {
        assertThat(holidays(2023)).containsExactly(
                d("2023-01-02"), d("2023-01-16"), d("2023-02-20"), d("2023-04-07"), d("2023-05-29"),
                d("2023-06-19"), d("2023-07-04"), d("2023-09-04"), d("2023-11-23"), d("2023-12-25"));
        assertThat(holidays(2024)).containsExactly(
                d("2024-01-01"), d("2024-01-15"), d("2024-02-19"), d("2024-03-29"), d("2024-05-27"),
                d("2024-06-19"), d("2024-07-04"), d("2024-09-02"), d("2024-11-28"), d("2024-12-25"));
    }

    @Test
    void specialClosuresAreNotTradingDaysAndMoreCanBeConfigured() {
        assertThat(calendar.isTradingDay(d("2012-10-29"))).isFalse();
        assertThat(calendar.isTradingDay(d("2012-10-30"))).isFalse();
        assertThat(calendar.isTradingDay(d("2018-12-05"))).isFalse();
        assertThat(calendar.isTradingDay(d("2025-01-09"))).isFalse();
        assertThat(calendar.isHoliday(d("2025-01-09"))).isFalse();
        assertThat(calendar.isTradingDay(d("2025-01-08"))).isTrue();

        NyseCalendar configured = new NyseCalendar(Set.of(d("2026-03-04")));
        assertThat(configured.isTradingDay(d("2026-03-04"))).isFalse();
        assertThat(configured.isTradingDay(d("2018-12-05"))).isFalse();
        assertThat(calendar.isTradingDay(d("2026-03-04"))).isTrue();
    }

    @Test
    void weekWithGoodFridayHasFourSessions() {
        Instant from = ny("2024-03-24T00:00");
        Instant to = ny("2024-03-31T00:00");

        assertThat(calendar.countExpectedBars(Timeframe.ONE_DAY, from, to)).isEqualTo(4);
        assertThat(calendar.countExpectedBars(Timeframe.ONE_HOUR, from, to)).isEqualTo(4 * 7);
        assertThat(calendar.countExpectedBars(Timeframe.FOUR_HOURS, from, to)).isEqualTo(4 * 2);
        assertThat(calendar.countExpectedBars(Timeframe.FIVE_MINUTES, from, to)).isEqualTo(4 * 78);
        assertThat(calendar.countExpectedBars(Timeframe.ONE_MINUTE, from, to)).isEqualTo(4 * 390);
        assertThat(calendar.expectedBarTimes(Timeframe.ONE_DAY, from, to)).containsExactly(
                ny("2024-03-25T00:00"), ny("2024-03-26T00:00"), ny("2024-03-27T00:00"), ny("2024-03-28T00:00"));
    }

    @Test
    void intradayBucketsAreAlignedFromNewYorkMidnightAndOverlapTheSession() {
        Instant from = ny("2024-03-25T00:00");
        Instant to = ny("2024-03-26T00:00");

        assertThat(calendar.expectedBarTimes(Timeframe.ONE_HOUR, from, to)).containsExactly(
                ny("2024-03-25T09:00"), ny("2024-03-25T10:00"), ny("2024-03-25T11:00"), ny("2024-03-25T12:00"),
                ny("2024-03-25T13:00"), ny("2024-03-25T14:00"), ny("2024-03-25T15:00"));
        assertThat(calendar.expectedBarTimes(Timeframe.FOUR_HOURS, from, to))
                .containsExactly(ny("2024-03-25T08:00"), ny("2024-03-25T12:00"));
        List<Instant> fiveMinutes = calendar.expectedBarTimes(Timeframe.FIVE_MINUTES, from, to);
        assertThat(fiveMinutes).hasSize(78);
        assertThat(fiveMinutes.get(0)).isEqualTo(ny("2024-03-25T09:30"));
        assertThat(fiveMinutes.get(77)).isEqualTo(ny("2024-03-25T15:55"));
        assertThat(calendar.expectedBarTimes(Timeframe.THIRTY_MINUTES, from, to)).hasSize(13);
    }

    @Test
    void sessionsFollowNewYorkTimeAcrossTheDaylightSavingChange() {
        // DST started on Sunday 2024-03-10: the session opens at 14:30Z before and 13:30Z after.
        Instant from = Instant.parse("2024-03-04T00:00:00Z");
        Instant to = Instant.parse("2024-03-16T00:00:00Z");

        assertThat(calendar.countExpectedBars(Timeframe.ONE_DAY, from, to)).isEqualTo(10);
        assertThat(calendar.countExpectedBars(Timeframe.ONE_HOUR, from, to)).isEqualTo(70);
        assertThat(calendar.countExpectedBars(Timeframe.FIVE_MINUTES, from, to)).isEqualTo(780);
        List<Instant> fiveMinutes = calendar.expectedBarTimes(Timeframe.FIVE_MINUTES, from, to);
        assertThat(fiveMinutes).contains(Instant.parse("2024-03-08T14:30:00Z"), Instant.parse("2024-03-08T20:55:00Z"),
                Instant.parse("2024-03-11T13:30:00Z"), Instant.parse("2024-03-11T19:55:00Z"));
        assertThat(fiveMinutes).doesNotContain(Instant.parse("2024-03-08T14:25:00Z"),
                Instant.parse("2024-03-11T13:25:00Z"), Instant.parse("2024-03-11T20:00:00Z"));
        assertThat(calendar.expectedBarTimes(Timeframe.ONE_DAY, from, to))
                .contains(Instant.parse("2024-03-08T05:00:00Z"), Instant.parse("2024-03-11T04:00:00Z"));
        assertThat(calendar.expectedBarTimes(Timeframe.ONE_HOUR, from, to))
                .contains(Instant.parse("2024-03-08T14:00:00Z"), Instant.parse("2024-03-11T13:00:00Z"));
    }

    @Test
    void weeklyBarsStartSundayMidnightInNewYorkForWeeksWithASession() {
        Instant from = ny("2024-03-01T00:00");
        Instant to = ny("2024-03-31T00:00");
        assertThat(calendar.expectedBarTimes(Timeframe.ONE_WEEK, from, to)).containsExactly(
                ny("2024-03-03T00:00"), ny("2024-03-10T00:00"), ny("2024-03-17T00:00"), ny("2024-03-24T00:00"));

        LocalDate monday = d("2030-01-07");
        Set<LocalDate> wholeWeek = Set.of(monday, monday.plusDays(1), monday.plusDays(2), monday.plusDays(3),
                monday.plusDays(4));
        NyseCalendar closedWeek = new NyseCalendar(wholeWeek);
        assertThat(closedWeek.expectedBarTimes(Timeframe.ONE_WEEK, ny("2029-12-30T00:00"), ny("2030-01-20T00:00")))
                .containsExactly(ny("2029-12-30T00:00"), ny("2030-01-13T00:00"));
    }

    @Test
    void countsAYearOfMinuteBarsPerDay() {
        Instant from = ny("2024-01-01T00:00");
        Instant to = ny("2025-01-01T00:00");

        assertThat(calendar.countExpectedBars(Timeframe.ONE_DAY, from, to)).isEqualTo(252);
        assertThat(calendar.countExpectedBars(Timeframe.ONE_MINUTE, from, to)).isEqualTo(252 * 390);
    }

    @Test
    void countMatchesTheListedTimesOnPartialDays() {
        Instant from = Instant.parse("2024-03-07T15:07:00Z");
        Instant to = Instant.parse("2024-03-12T17:42:00Z"); // Thursday 10:07 EST to Tuesday 13:42 EDT
        for (Timeframe tf : Timeframe.values()) {
            assertThat(calendar.countExpectedBars(tf, from, to))
                    .as(tf.code())
                    .isEqualTo(calendar.expectedBarTimes(tf, from, to).size());
        }
        assertThat(calendar.countExpectedBars(Timeframe.ONE_HOUR, from, to)).isEqualTo(5 + 7 + 7 + 5);
        assertThat(calendar.countExpectedBars(Timeframe.ONE_HOUR, to, from)).isZero();
    }

    @Test
    void barsBehindCountsOnlyCompleteExpectedBars() {
        // Last bar: Friday 15:55 New York; now Monday 09:40 New York → the 09:30 and 09:35 bars are complete.
        Instant lastBar = Instant.parse("2024-03-08T20:55:00Z");
        assertThat(calendar.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.parse("2024-03-11T13:40:00Z")))
                .isEqualTo(2);
        assertThat(calendar.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.parse("2024-03-11T13:34:59Z")))
                .isZero();
        assertThat(calendar.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.parse("2024-03-10T12:00:00Z")))
                .isZero();
        // The Friday daily bar is complete at Saturday midnight; Monday's is not complete at Monday noon.
        assertThat(calendar.barsBehind(Timeframe.ONE_DAY, ny("2024-03-07T00:00"), ny("2024-03-11T12:00")))
                .isEqualTo(1);
    }

    @Test
    void aDayStartsAtNewYorkMidnightWhereTheProviderStartsItsDailyBar() {
        assertThat(calendar.startOfDay(d("2024-01-02"))).isEqualTo(Instant.parse("2024-01-02T05:00:00Z"));
        assertThat(calendar.startOfDay(d("2024-07-01"))).isEqualTo(Instant.parse("2024-07-01T04:00:00Z"));
        assertThat(calendar.expectedBarTimes(Timeframe.ONE_DAY, calendar.startOfDay(d("2024-01-02")),
                calendar.startOfDay(d("2024-01-06")))).containsExactly(calendar.startOfDay(d("2024-01-02")),
                calendar.startOfDay(d("2024-01-03")), calendar.startOfDay(d("2024-01-04")),
                calendar.startOfDay(d("2024-01-05")));
    }

    @Test
    void stocksAndEtfsUseTheNyseCalendar() {
        TradingCalendar stocks = TradingCalendar.forAssetClass(AssetClass.STOCK, Set.of(d("2026-03-04")));
        assertThat(stocks).isInstanceOf(NyseCalendar.class);
        assertThat(((NyseCalendar) stocks).isTradingDay(d("2026-03-04"))).isFalse();
        assertThat(TradingCalendar.forAssetClass(AssetClass.ETF, Set.of())).isInstanceOf(NyseCalendar.class);
    }

    private Set<LocalDate> holidays(int year) {
        Set<LocalDate> holidays = new TreeSet<>();
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            if (calendar.isHoliday(day)) {
                holidays.add(day);
                assertThat(calendar.isTradingDay(day)).isFalse();
            }
        }
        return holidays;
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static Instant ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NyseCalendar.NEW_YORK).toInstant();
    }
}
