package io.mdw.calendar;

import io.mdw.market.Timeframe;

import java.time.Instant;
import java.util.Locale;

/** How far a series lags the calendar, in complete bars it should already have. */
public enum Staleness {
    FRESH, AGING, STALE, MISSING;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Fresh when no complete expected bar is missing, aging at one, stale from two; missing without any bar. */
    public static Staleness of(TradingCalendar calendar, Timeframe tf, Instant lastBarTime, Instant now) {
        return ofBarsBehind(lastBarTime == null ? null : calendar.barsBehind(tf, lastBarTime, now));
    }

    /** @param barsBehind complete bars the calendar expected after the last one, or {@code null} without any bar */
    public static Staleness ofBarsBehind(Long barsBehind) {
        if (barsBehind == null) {
            return MISSING;
        }
        return barsBehind == 0 ? FRESH : barsBehind == 1 ? AGING : STALE;
    }
}
