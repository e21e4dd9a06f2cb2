package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One (symbol, timeframe) and how far the warehouse has it: the nightly load reads every active one of the symbols
 * table, a trigger the ones it loads.
 *
 * @param reloadFrom   start of the stored bar its next load starts from: the newest but the overlap of bars loaded
 *                     again (for late corrections), the oldest when fewer are stored, null when none is stored yet
 * @param historyStart the symbol's configured history start, null when none is configured
 */
public record TrackedSeries(String symbol, Timeframe timeframe, Instant reloadFrom, LocalDate historyStart) {

    public TrackedSeries {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
    }

    /**
     * The SQL of {@code reloadFrom} for a row's symbol and timeframe: the oldest of the newest {@code :reloadedBars}
     * stored bars ({@link NightlyWindows#reloadedBars}), an index range read backwards. Counted in bars, not in the
     * timeframe's length: three daily bars back from a Monday reach the Wednesday before, not the Friday.
     */
    public static String reloadFromSql(String symbolColumn, String timeframeColumn) {
        return "(SELECT min(newest.time) FROM (SELECT b.time FROM bars b WHERE b.symbol = " + symbolColumn
                + " AND b.timeframe = " + timeframeColumn + " ORDER BY b.time DESC LIMIT :reloadedBars) AS newest)";
    }
}
