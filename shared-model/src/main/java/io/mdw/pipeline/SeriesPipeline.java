package io.mdw.pipeline;

import io.mdw.calendar.TradingCalendar;
import io.mdw.calendar.WarehouseDates;
import io.mdw.features.BarFeatures;
import io.mdw.features.FeatureCalculator;
import io.mdw.market.Bar;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.quality.Assessment;
import io.mdw.quality.SeriesValidator;
import io.mdw.quality.ValidationThresholds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The processor of one (symbol, timeframe) series over a requested window, fed raw items in time order:
 * reject what is unreadable or out of place, skip or reject what lies outside the window, then validate, score and
 * compute features. A rejected or skipped item leaves the series state untouched.
 */
public final class SeriesPipeline {

    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "infinity", "+infinity",
            "-infinity", "inf", "+inf", "-inf");

    private static final String[] FIELDS = {"t", "o", "h", "l", "c", "v", "vw", "n"};
    private static final int T = 0;
    private static final int O = 1;
    private static final int H = 2;
    private static final int L = 3;
    private static final int C = 4;
    private static final int V = 5;
    private static final int VW = 6;
    private static final int N = 7;
    private static final int REQUIRED_FIELDS = 6;
    private static final long MILLIS_PER_MINUTE = 60_000;

    private final Instant windowStart;
    private final Instant windowEnd;
    private final OutsideWindow outsideWindow;
    private final SeriesValidator validator;
    private final FeatureCalculator features;
    private Instant previousTime;

    /**
     * @param windowStart  first timestamp accepted (inclusive); null for no lower bound
     * @param windowEnd    end of the window (exclusive); null for no upper bound
     * @param outsideWindow what a bar outside the window is: rejected (asked of a provider) or skipped (in a file)
     * @param history      bars of the series before the window, oldest first (at least the last
     *                     {@link #historyNeeded}, or the whole series if shorter)
     * @param lastFeatures the stored features of the last history bar, null when history is empty
     */
    public SeriesPipeline(Timeframe tf, TradingCalendar calendar, ValidationThresholds thresholds,
                          Instant windowStart, Instant windowEnd, OutsideWindow outsideWindow, List<Bar> history,
                          BarFeatures lastFeatures) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.outsideWindow = outsideWindow;
        this.validator = new SeriesValidator(tf, calendar, thresholds, history);
        int lookbackStart = Math.max(0, history.size() - FeatureCalculator.LOOKBACK);
        this.features = FeatureCalculator.resume(history.subList(lookbackStart, history.size()), lastFeatures);
        this.previousTime = history.isEmpty() ? null : history.get(history.size() - 1).time();
    }

    /**
     * How many bars before the window a pipeline needs as history to flag and compute every bar as one full run
     * would: as many as the features or the volume rules look back over.
     */
    public static int historyNeeded(ValidationThresholds thresholds) {
        return Math.max(FeatureCalculator.LOOKBACK, thresholds.volumeWindow());
    }

    /** Accepts, rejects or skips the item; a row of a text file is rejected with its line number ("line 7: ..."). */
    public ProcessedItem process(RawBar raw) {
        ProcessedItem item = raw.line() != null && raw.line().unreadable() != null
                ? new Rejected(raw, null, raw.line().unreadable())
                : assess(raw);
        if (item instanceof Rejected rejected && raw.line() != null) {
            return new Rejected(raw, rejected.time(), "line " + raw.line().number() + ": " + rejected.reason());
        }
        return item;
    }

    private ProcessedItem assess(RawBar raw) {
        String[] texts = {raw.t(), raw.o(), raw.h(), raw.l(), raw.c(), raw.v(), raw.vw(), raw.n()};
        BigDecimal[] values = new BigDecimal[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            // an empty CSV cell is as absent as a missing JSON property
            values[i] = texts[i] == null || texts[i].isBlank() ? null : parse(texts[i]);
        }
        Instant time = readTime(values[T]);
        // the time first: it places the item in the window or out of it, whatever else is wrong with the item
        String problem = fieldProblem(T, texts[T], values[T]);
        if (problem == null) {
            problem = timeProblem(raw, time);
        }
        if (problem == null && isOutsideWindow(time)) {
            if (outsideWindow == OutsideWindow.SKIPPED) {
                return new Skipped(time);
            }
            problem = "timestamp " + time + " outside the requested window [" + windowStart + ", " + windowEnd + ")";
        }
        for (int i = T + 1; i < FIELDS.length && problem == null; i++) {
            problem = fieldProblem(i, texts[i], values[i]);
        }
        if (problem == null) {
            problem = rejectReason(raw, values, time);
        }
        if (problem != null) {
            return new Rejected(raw, time, problem);
        }
        Bar bar = new Bar(time, values[O], values[H], values[L], values[C], values[V], values[VW],
                values[N] == null ? null : values[N].longValueExact());
        Assessment assessment = validator.assess(bar);
        BarFeatures barFeatures = features.next(bar);
        previousTime = time;
        return new Accepted(bar, assessment, barFeatures);
    }

    private static String fieldProblem(int field, String text, BigDecimal value) {
        if (text == null || text.isBlank()) {
            return field < REQUIRED_FIELDS ? "missing field '" + FIELDS[field] + "'" : null;
        }
        if (value == null) {
            return notANumber(FIELDS[field], text);
        }
        if (isBeyondDoubleRange(value)) {
            return "field '" + FIELDS[field] + "' is out of range: " + text;
        }
        return null;
    }

    /**
     * Whether the time can be a bar's start at all. Every timeframe is a whole number of minutes and the provider
     * starts its aggregates on a whole minute (not always on the timeframe's grid: a 5-minute bar may start at 8:13),
     * so a time between two minutes is misread, most often seconds taken for milliseconds, which land in January 1970.
     */
    private static String timeProblem(RawBar raw, Instant time) {
        if (time == null) {
            return "field 't' is not an integer epoch-millisecond timestamp: '" + raw.t() + "'";
        }
        if (!WarehouseDates.isInRange(time)) {
            return "timestamp " + time + " is outside the " + WarehouseDates.YEARS + " the warehouse holds";
        }
        if (Math.floorMod(time.toEpochMilli(), MILLIS_PER_MINUTE) != 0) {
            boolean plausibleInSeconds = WarehouseDates.isInRange(Instant.ofEpochSecond(time.toEpochMilli()));
            return "starts at " + time + ", not on a whole minute"
                    + (plausibleInSeconds ? " (a time in seconds where milliseconds are expected?)" : "");
        }
        return null;
    }

    private boolean isOutsideWindow(Instant time) {
        return (windowStart != null && time.isBefore(windowStart)) || (windowEnd != null && !time.isBefore(windowEnd));
    }

    private String rejectReason(RawBar raw, BigDecimal[] values, Instant time) {
        if (values[N] != null && !isInteger(values[N])) {
            return "field 'n' is not an integer trade count: " + raw.n();
        }
        if (values[V].signum() < 0) {
            return "negative volume: " + raw.v();
        }
        if (previousTime != null && !time.isAfter(previousTime)) {
            return "duplicate or out-of-order timestamp " + time + " (previous bar at " + previousTime + ")";
        }
        return null;
    }

    private static String notANumber(String field, String text) {
        if (NON_FINITE.contains(text.trim().toLowerCase(Locale.ROOT))) {
            return "field '" + field + "' is not a finite number: " + text;
        }
        return "field '" + field + "' is not numeric: '" + text + "'";
    }

    /** The start of the bar an item holds, read as the pipeline reads it; empty when it holds no usable time. */
    public static Optional<Instant> timeOf(RawBar raw) {
        return raw.t() == null || raw.t().isBlank() ? Optional.empty() : Optional.ofNullable(readTime(parse(raw.t())));
    }

    private static Instant readTime(BigDecimal millis) {
        if (!isInteger(millis)) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(millis.longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** Features are computed in double: a value like 1e400 is valid JSON but would become Infinity. */
    private static boolean isBeyondDoubleRange(BigDecimal value) {
        return value != null && value.precision() - value.scale() > 300;
    }

    private static boolean isInteger(BigDecimal value) {
        if (value == null) {
            return false;
        }
        try {
            value.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
