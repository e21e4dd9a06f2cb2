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
        if (lastBarTime == null) {
            return MISSING;
        }
        long behind = calendar.barsBehind(tf, lastBarTime, now);
        return behind == 0 ? FRESH : behind == 1 ? AGING : STALE;
    }
}
