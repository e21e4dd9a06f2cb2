package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One (symbol, timeframe) and how far the warehouse has it: the nightly load reads every active one of the symbols
 * table, a trigger the ones it loads.
 *
 * @param lastBar      start of the newest stored bar, null when none is stored yet
 * @param historyStart the symbol's configured history start, null when none is configured
 */
public record TrackedSeries(String symbol, Timeframe timeframe, Instant lastBar, LocalDate historyStart) {

    public TrackedSeries {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
    }
}
