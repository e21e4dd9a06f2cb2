package io.mdw.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Round-the-clock markets in UTC: crypto every day, forex Monday to Friday. */
public final class ContinuousCalendar extends SessionCalendar {

    private static final ContinuousCalendar CRYPTO = new ContinuousCalendar(false);
    private static final ContinuousCalendar FOREX = new ContinuousCalendar(true);

    private final boolean weekdaysOnly;

    private ContinuousCalendar(boolean weekdaysOnly) {
        super(ZoneOffset.UTC, LocalTime.MIDNIGHT, Duration.ofDays(1));
        this.weekdaysOnly = weekdaysOnly;
    }

    public static ContinuousCalendar crypto() {
        return CRYPTO;
    }

    public static ContinuousCalendar forex() {
        return FOREX;
    }

    @Override
    public boolean isTradingDay(LocalDate day) {
        return !weekdaysOnly || !isWeekend(day);
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
