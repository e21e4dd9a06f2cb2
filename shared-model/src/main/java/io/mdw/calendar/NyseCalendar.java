package io.mdw.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The NYSE regular session, Monday to Friday 09:30–16:00 New York time, minus holidays and special closures. */
public final class NyseCalendar extends SessionCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final Duration SESSION = Duration.ofHours(6).plusMinutes(30);

    /** Unscheduled closures: 9/11, Reagan's and Ford's funerals, Hurricane Sandy, G. H. W. Bush's and Carter's funerals. */
    public static final Set<LocalDate> DEFAULT_SPECIAL_CLOSURES = Set.of(
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13), LocalDate.of(2001, 9, 14),
            LocalDate.of(2004, 6, 11),
            LocalDate.of(2007, 1, 2),
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30),
            LocalDate.of(2018, 12, 5),
            LocalDate.of(2025, 1, 9));

    private final Set<LocalDate> specialClosures;
    private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    public NyseCalendar() {
        this(Set.of());
    }

    /** @param extraSpecialClosures closure days on top of {@link #DEFAULT_SPECIAL_CLOSURES} */
    public NyseCalendar(Set<LocalDate> extraSpecialClosures) {
        super(NEW_YORK);
        Set<LocalDate> closures = new HashSet<>(DEFAULT_SPECIAL_CLOSURES);
        closures.addAll(extraSpecialClosures);
        this.specialClosures = Set.copyOf(closures);
    }

    @Override
    public boolean isTradingDay(LocalDate day) {
        return !isWeekend(day) && !isHoliday(day) && !specialClosures.contains(day);
    }

    @Override
    protected Optional<TradingHours> tradingHours(LocalDate day) {
        return isTradingDay(day) ? Optional.of(TradingHours.of(day, OPEN, SESSION, NEW_YORK)) : Optional.empty();
    }

    /** A scheduled exchange holiday (as observed); special closures are not holidays. */
    public boolean isHoliday(LocalDate day) {
        return holidaysByYear.computeIfAbsent(day.getYear(), NyseCalendar::holidaysOf).contains(day);
    }

    static Set<LocalDate> holidaysOf(int year) {
        Set<LocalDate> holidays = new HashSet<>();
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        // A Saturday New Year's Day is not moved to the Friday before: that would close the previous year's last day.
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            holidays.add(observed(newYear));
        }
        holidays.add(nthWeekday(year, Month.JANUARY, 3, DayOfWeek.MONDAY));
        holidays.add(nthWeekday(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY));
        holidays.add(easterSunday(year).minusDays(2));
        holidays.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= 2022) {
            holidays.add(observed(LocalDate.of(year, Month.JUNE, 19)));
        }
        holidays.add(observed(LocalDate.of(year, Month.JULY, 4)));
        holidays.add(nthWeekday(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY));
        holidays.add(nthWeekday(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY));
        holidays.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
        return Set.copyOf(holidays);
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nthWeekday(int year, Month month, int n, DayOfWeek dayOfWeek) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dayOfWeek));
    }

    /** Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
