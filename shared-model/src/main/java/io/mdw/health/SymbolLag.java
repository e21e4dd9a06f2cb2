package io.mdw.health;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mdw.calendar.Staleness;
import io.mdw.market.Timeframe;

/**
 * How far a symbol lags its calendar: as far as its worst series, since one stale series is data a user cannot rely
 * on however fresh the others are (the freshest would let a fresh 1d series hide a 1h one days behind).
 * <p>
 * A symbol tracked and active is judged on the timeframes it tracks, the series the nightly load keeps current: a
 * series outside them (a timeframe an operator dropped from the list) does not count against it, though the
 * per-series staleness gauges still show it, and a tracked timeframe without any bar makes it missing. A symbol not
 * tracked, or deactivated, is judged on every series it holds.
 *
 * @param barsBehind complete bars the worst series lacks; {@code null} when a judged series has no bar at all
 */
public record SymbolLag(Long barsBehind) {

    public SymbolLag {
        if (barsBehind != null && barsBehind < 0) {
            throw new IllegalArgumentException("barsBehind must not be negative: " + barsBehind);
        }
    }

    /**
     * @param stored  the series the warehouse holds for the symbol
     * @param tracked the timeframes the symbol is tracked and active for; empty when it is not, and then every stored
     *                series counts
     */
    public static SymbolLag worstOf(Collection<SeriesLag> stored, Set<Timeframe> tracked) {
        List<SeriesLag> judged = tracked.isEmpty() ? List.copyOf(stored)
                : stored.stream().filter(series -> tracked.contains(series.timeframe())).toList();
        Set<Timeframe> judgedTimeframes = judged.stream().map(SeriesLag::timeframe).collect(Collectors.toSet());
        if (judged.isEmpty() || !judgedTimeframes.containsAll(tracked)) {
            return new SymbolLag(null);
        }
        return new SymbolLag(judged.stream().mapToLong(SeriesLag::barsBehind).max().getAsLong());
    }

    /** Fresh, aging or stale by the worst series' bars behind; missing when a judged series has no bar. */
    public Staleness staleness() {
        return Staleness.ofBarsBehind(barsBehind);
    }
}
