package io.mdw.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates and times the warehouse deals in: years 1900 to 2999, times to the microsecond. A range read or loaded lies within them, and a symbol's history
 * starts within them, no later than today. There is no market data before 1900 to load, and before 1582 PostgreSQL's
 * calendar and Java's differ: such a date was stored as one day and read back as another.
 */
public final class WarehouseDates {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2999;
    /** What an error says the dates may be. */
    public static final String YEARS = "years " + FIRST_YEAR + " to " + LAST_YEAR;

    private static final LocalDate FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1);
    /** Where those years start, in UTC: the start of a window over all of them. */
    public static final Instant START = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    /** Where those years end, in UTC: the end (excluded) of a window over all of them. */
    public static final Instant END = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private WarehouseDates() {
    }

    public static boolean isInRange(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** Whether the time falls in those years, in UTC (asked of every bar a load reads: two comparisons). */
    public static boolean isInRange(Instant time) {
        return !time.isBefore(START) && time.isBefore(END);
    }

    /**
     * Whether PostgreSQL stores the time as it is: it keeps microseconds and rounds a finer time, which made a range
     * ending at 18:04:59.9999996 include the bar of 18:05.
     */
    public static boolean isToTheMicrosecond(Instant time) {
        return time.getNano() % 1_000 == 0;
    }

    /**
     * The day, checked as a symbol's history start: from 1900-01-01 to today (there is no history after it to load).
     *
     * @throws IllegalArgumentException saying why the day cannot be one
     */
    public static LocalDate historyStart(LocalDate day, LocalDate today) {
        if (day.isBefore(FIRST_DAY)) {
            throw new IllegalArgumentException(day + " is before " + FIRST_DAY + "; the warehouse holds no history"
                    + " before it");
        }
        if (day.isAfter(today)) {
            throw new IllegalArgumentException(day + " is after today (" + today + "); history starts in the past");
        }
        return day;
    }
}
