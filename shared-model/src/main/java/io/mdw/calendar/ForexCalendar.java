package io.mdw.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Forex: one trading week from Sunday 17:00 to Friday 17:00 New York time, the market's convention, with Polygon's
 * days and bars aligned on UTC. Intraday bars are expected from Sunday evening (21:00 or 22:00 UTC, as New York keeps
 * summer time or not) to the same hour on Friday; daily bars Monday to Friday. A Sunday daily bar, which holds those
 * first hours, is kept when the provider sends one, but not expected. No holidays: the market has none of its own.
 */
public final class ForexCalendar extends SessionCalendar {

    private static final ForexCalendar INSTANCE = new ForexCalendar();
    private static final LocalTime WEEK_BOUNDARY = LocalTime.of(17, 0);

    private ForexCalendar() {
        super(ZoneOffset.UTC);
    }

    public static ForexCalendar instance() {
        return INSTANCE;
    }

    @Override
    public boolean isTradingDay(LocalDate day) {
        return !isWeekend(day);
    }

    @Override
    protected Optional<TradingHours> tradingHours(LocalDate day) {
        Instant midnight = startOfDay(day);
        Instant nextMidnight = startOfDay(day.plusDays(1));
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> Optional.empty();
            case SUNDAY -> Optional.of(new TradingHours(weekBoundary(day), nextMidnight));
            case FRIDAY -> Optional.of(new TradingHours(midnight, weekBoundary(day)));
            default -> Optional.of(new TradingHours(midnight, nextMidnight));
        };
    }

    private static Instant weekBoundary(LocalDate day) {
        return day.atTime(WEEK_BOUNDARY).atZone(NyseCalendar.NEW_YORK).toInstant();
    }
}
