package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One active (symbol, timeframe) of the symbols table and how far the warehouse has it.
 *
 * @param lastBar      start of the newest stored bar, null when none is stored yet
 * @param historyStart the symbol's configured history start, null when none is configured
 */
record TrackedSeries(String symbol, Timeframe timeframe, Instant lastBar, LocalDate historyStart) {

    TrackedSeries {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
    }
}
