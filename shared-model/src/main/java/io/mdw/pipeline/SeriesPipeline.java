package io.mdw.pipeline;

import io.mdw.calendar.TradingCalendar;
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
import java.util.Set;

/**
 * The processor of one (symbol, timeframe) series over a requested window, fed raw items in time order:
 * reject what is unreadable or out of place, then validate, score and compute features. A rejected item
 * leaves the series state untouched.
 */
public final class SeriesPipeline {

    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "infinity", "+infinity",
            "-infinity", "inf", "+inf", "-inf");

    private final Instant windowStart;
    private final Instant windowEnd;
    private final SeriesValidator validator;
    private final FeatureCalculator features;
    private Instant previousTime;

    /**
     * @param windowStart  first timestamp accepted (inclusive)
     * @param windowEnd    end of the window (exclusive)
     * @param history      bars of the series before the window, oldest first (at least the last
     *                     {@link FeatureCalculator#LOOKBACK}, or the whole series if shorter)
     * @param lastFeatures the stored features of the last history bar, null when history is empty
     */
    public SeriesPipeline(Timeframe tf, TradingCalendar calendar, ValidationThresholds thresholds,
                          Instant windowStart, Instant windowEnd, List<Bar> history, BarFeatures lastFeatures) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.validator = new SeriesValidator(tf, calendar, thresholds, history);
        int lookbackStart = Math.max(0, history.size() - FeatureCalculator.LOOKBACK);
        this.features = FeatureCalculator.resume(history.subList(lookbackStart, history.size()), lastFeatures);
        this.previousTime = history.isEmpty() ? null : history.get(history.size() - 1).time();
    }

    public ProcessedItem process(RawBar raw) {
        String missing = firstMissing(raw);
        if (missing != null) {
            return new Rejected(raw, null, "missing field '" + missing + "'");
        }
        Instant time = readTime(raw.t());
        String problem = numericProblem(raw);
        if (problem == null && time == null) {
            problem = "field 't' is not an integer epoch-millisecond timestamp: '" + raw.t() + "'";
        }
        if (problem == null) {
            problem = placementProblem(raw, time);
        }
        if (problem != null) {
            return new Rejected(raw, time, problem);
        }
        Bar bar = new Bar(time, new BigDecimal(raw.o()), new BigDecimal(raw.h()), new BigDecimal(raw.l()),
                new BigDecimal(raw.c()), new BigDecimal(raw.v()),
                raw.vw() == null ? null : new BigDecimal(raw.vw()),
                raw.n() == null ? null : new BigDecimal(raw.n()).longValueExact());
        Assessment assessment = validator.assess(bar);
        BarFeatures barFeatures = features.next(bar);
        previousTime = time;
        return new Accepted(bar, assessment, barFeatures);
    }

    private String placementProblem(RawBar raw, Instant time) {
        if (new BigDecimal(raw.v()).signum() < 0) {
            return "negative volume: " + raw.v();
        }
        if ((windowStart != null && time.isBefore(windowStart)) || (windowEnd != null && !time.isBefore(windowEnd))) {
            return "timestamp " + time + " outside the requested window [" + windowStart + ", " + windowEnd + ")";
        }
        if (previousTime != null && !time.isAfter(previousTime)) {
            return "duplicate or out-of-order timestamp " + time + " (previous bar at " + previousTime + ")";
        }
        return null;
    }

    private static String firstMissing(RawBar raw) {
        String[][] required = {{"t", raw.t()}, {"o", raw.o()}, {"h", raw.h()}, {"l", raw.l()}, {"c", raw.c()},
                {"v", raw.v()}};
        for (String[] field : required) {
            if (field[1] == null || field[1].isBlank()) {
                return field[0];
            }
        }
        return null;
    }

    private static String numericProblem(RawBar raw) {
        String[][] fields = {{"t", raw.t()}, {"o", raw.o()}, {"h", raw.h()}, {"l", raw.l()}, {"c", raw.c()},
                {"v", raw.v()}, {"vw", raw.vw()}, {"n", raw.n()}};
        for (String[] field : fields) {
            String value = field[1];
            if (value == null) {
                continue;
            }
            if (NON_FINITE.contains(value.trim().toLowerCase(Locale.ROOT))) {
                return "field '" + field[0] + "' is not a finite number: " + value;
            }
            if (parse(value) == null) {
                return "field '" + field[0] + "' is not numeric: '" + value + "'";
            }
        }
        if (raw.n() != null && !isInteger(parse(raw.n()))) {
            return "field 'n' is not an integer trade count: " + raw.n();
        }
        return null;
    }

    private static Instant readTime(String t) {
        BigDecimal millis = parse(t);
        if (!isInteger(millis)) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(millis.longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
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
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
