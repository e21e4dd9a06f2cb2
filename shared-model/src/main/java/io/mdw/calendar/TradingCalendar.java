package io.mdw.calendar;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Which bars should exist: the basis of gap detection, completeness and staleness. */
public interface TradingCalendar {

    /** Start times of the bars that should exist with a start in [fromInclusive, toExclusive), in order. */
    List<Instant> expectedBarTimes(Timeframe tf, Instant fromInclusive, Instant toExclusive);

    /** The zone the calendar's days and bars are aligned on: New York for the NYSE, UTC for crypto and forex. */
    ZoneId zone();

    /**
     * Where a day begins in the calendar's zone, which is where the provider starts that day's daily bar: New York
     * midnight for the NYSE, UTC midnight for crypto and forex.
     */
    Instant startOfDay(LocalDate day);

    /** The size of {@link #expectedBarTimes}, computed per day rather than per bar. */
    long countExpectedBars(Timeframe tf, Instant fromInclusive, Instant toExclusive);

    /** Expected bars starting after {@code lastBarTime} that are complete (start + duration ≤ now) by {@code now}. */
    default long barsBehind(Timeframe tf, Instant lastBarTime, Instant now) {
        Instant latestCompleteStart = now.minus(tf.duration());
        if (!latestCompleteStart.isAfter(lastBarTime)) {
            return 0;
        }
        return countExpectedBars(tf, lastBarTime.plusNanos(1), latestCompleteStart.plusNanos(1));
    }

    /**
     * The calendar of an asset class. {@code specialClosures} are extra NYSE closure days on top of
     * {@link NyseCalendar#DEFAULT_SPECIAL_CLOSURES}; they do not apply to crypto or forex.
     */
    static TradingCalendar forAssetClass(AssetClass assetClass, Set<LocalDate> specialClosures) {
        return switch (assetClass) {
            case STOCK, ETF -> new NyseCalendar(specialClosures);
            case CRYPTO -> ContinuousCalendar.crypto();
            case FOREX -> ForexCalendar.instance();
        };
    }
}
