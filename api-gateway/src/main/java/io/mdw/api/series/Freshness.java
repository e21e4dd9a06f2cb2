package io.mdw.api.series;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import io.mdw.calendar.Staleness;
import io.mdw.health.SeriesLag;
import io.mdw.health.SymbolLag;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.CalendarSettings;
import org.springframework.stereotype.Component;

/** Staleness counted in bars the calendar expected after the last stored one: fresh (0), aging (1), stale (≥ 2). */
@Component
public class Freshness {

    private final CalendarSettings calendars;

    Freshness(CalendarSettings calendars) {
        this.calendars = calendars;
    }

    public long barsBehind(AssetClass assetClass, Timeframe timeframe, Instant lastBar, Instant now) {
        return calendars.forAssetClass(assetClass).barsBehind(timeframe, lastBar, now);
    }

    /**
     * How far a symbol lags: its worst series, among the timeframes it is tracked and active for, or among all it
     * holds when {@code tracked} is empty (see {@link SymbolLag#worstOf}).
     */
    public SymbolLag symbolLag(Collection<? extends StoredSeries> stored, Set<Timeframe> tracked, Instant now) {
        return SymbolLag.worstOf(stored.stream()
                .map(series -> new SeriesLag(series.timeframe(),
                        barsBehind(series.assetClass(), series.timeframe(), series.latestBar(), now)))
                .toList(), tracked);
    }

    public static String staleness(Long barsBehind) {
        return Staleness.ofBarsBehind(barsBehind).code();
    }
}
