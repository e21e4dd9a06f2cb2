package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import io.mdw.market.Timeframe;

/** The parameters of a bars read, shared by both endpoints, checked once. */
record BarRequest(Timeframe timeframe, String start, String end, Instant from, Instant toExclusive,
                  BigDecimal minQuality, boolean includeFeatures, Integer limit, BarFormat format) {

    /** Without a limit an answer holds the whole range, in every format: it is streamed, never held whole in memory. */
    static final int MAX_LIMIT = 10_000_000;
    private static final String DEFAULT_TIMEFRAME = "1d";

    static BarRequest parse(String timeframe, String start, String end,
                            boolean validatedOnly, BigDecimal minQuality, boolean includeFeatures, Integer limit,
                            String format, String accept) {
        // left out means daily; given empty is a mistake (a defaultValue would quietly take it as daily too)
        Timeframe tf = Params.timeframe(timeframe == null ? DEFAULT_TIMEFRAME : timeframe);
        Instant from = Params.rangeStart("start", start);
        Instant to = Params.rangeEndExclusive("end", end);
        Params.requireOrdered(from, to);
        if (minQuality.compareTo(BigDecimal.ZERO) < 0 || minQuality.compareTo(BigDecimal.ONE) > 0) {
            throw ApiProblem.badRequest("'min_quality' must be between 0 and 1; got "
                    + Params.abbreviate(minQuality.toPlainString()));
        }
        BarFormat negotiated = BarFormat.negotiate(format, accept);
        Integer checkedLimit = limit == null ? null : Integer.valueOf(Params.limit(limit, limit, MAX_LIMIT));
        return new BarRequest(tf, start.trim(), end.trim(), from, to, validatedOnly ? minQuality : null,
                includeFeatures, checkedLimit, negotiated);
    }

    /** The same read without the quality filter, for one bar: whether the filter is what leaves it empty. */
    BarRequest withoutQualityFilter() {
        return new BarRequest(timeframe, start, end, from, toExclusive, null, false, 1, format);
    }

    /**
     * What the first read asks for. A limited stream's first read only finds where the answer ends (see
     * {@code BarsController.stream}), and a bar's position does not depend on its features: it goes without them, sparing the
     * join, or for resampled bars the warm-up and the calculation.
     */
    BarRequest firstRead() {
        return format != BarFormat.JSON && limit != null && includeFeatures
                ? new BarRequest(timeframe, start, end, from, toExclusive, minQuality, false, limit, format)
                : this;
    }

    /**
     * One symbol's part of a listing that starts after {@code after} and ends at {@code through} (positions in the
     * listing). With {@code through}, a symbol listed before its symbol is read whole and its symbol up to its
     * time (symbols listed after it are not asked for). Without it, the read stops one row past the limit, so
     * that the answer knows whether more follow.
     */
    BarQuery query(String symbol, Cursor after, Cursor through) {
        Integer fetch = through != null || limit == null ? null : Integer.valueOf(limit + 1);
        return new BarQuery(symbol, timeframe, from, toExclusive, timeIn(after, symbol), timeIn(through, symbol),
                minQuality, includeFeatures, fetch);
    }

    private static Instant timeIn(Cursor position, String symbol) {
        return position != null && position.symbol().equals(symbol) ? position.time() : null;
    }
}
