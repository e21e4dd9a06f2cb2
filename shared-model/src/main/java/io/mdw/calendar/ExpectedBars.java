package io.mdw.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.market.Timeframe;

/**
 * The bars the calendar expects in a span that have ended by a moment (start + duration ≤ now): what completeness is
 * measured against. A bar still forming, or to come, is not expected yet, so a day is complete so far once every bar
 * ended so far is there. Held as runs of consecutive bars (a session's), so that a store can count the bars it holds
 * at these starts range by range rather than start by start.
 */
public record ExpectedBars(List<Run> runs) {

    /** The bar starts first, first + step, …, last. */
    public record Run(Instant first, Instant last, Duration step) {

        public long count() {
            return Duration.between(first, last).dividedBy(step) + 1;
        }
    }

    public ExpectedBars {
        runs = List.copyOf(runs);
    }

    /** The bars of {@code tf} the calendar expects with a start in [from, to) that have ended by {@code now}. */
    public static ExpectedBars endedBy(Instant now, TradingCalendar calendar, Timeframe tf, Instant from, Instant to) {
        Instant afterLatestEnded = now.minus(tf.duration()).plusNanos(1);
        Instant end = afterLatestEnded.isBefore(to) ? afterLatestEnded : to;
        Duration step = tf.duration();
        List<Run> runs = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (Instant start : calendar.expectedBarTimes(tf, from, end)) {
            if (last == null || !last.plus(step).equals(start)) {
                if (last != null) {
                    runs.add(new Run(first, last, step));
                }
                first = start;
            }
            last = start;
        }
        if (last != null) {
            runs.add(new Run(first, last, step));
        }
        return new ExpectedBars(runs);
    }

    public long count() {
        return runs.stream().mapToLong(Run::count).sum();
    }
}
