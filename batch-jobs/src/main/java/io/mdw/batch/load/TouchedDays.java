package io.mdw.batch.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;

import io.mdw.calendar.TradingCalendar;
import io.mdw.market.Timeframe;

/** The UTC days a chunk wrote bars on, each with the bars the calendar expects of it: the daily quality to refresh. */
final class TouchedDays {

    private final TradingCalendar calendar;
    private final Timeframe timeframe;
    private final SortedMap<LocalDate, Integer> expectedByDay = new TreeMap<>();

    TouchedDays(TradingCalendar calendar, Timeframe timeframe) {
        this.calendar = calendar;
        this.timeframe = timeframe;
    }

    void add(Instant time) {
        expectedByDay.computeIfAbsent(LocalDate.ofInstant(time, ZoneOffset.UTC), day -> (int) calendar.countExpectedBars(
                timeframe, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    SortedMap<LocalDate, Integer> expectedByDay() {
        return expectedByDay;
    }
}
