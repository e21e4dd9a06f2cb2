package io.mdw.calendar;

import io.mdw.market.Timeframe;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A calendar of trading days and each day's trading hours, with Polygon's bar alignment: daily bars start at local
 * midnight of a trading day, weekly bars at Sunday midnight of weeks with a trading day, and intraday buckets are
 * aligned from local midnight and expected where they overlap a day's trading hours.
 */
public abstract class SessionCalendar implements TradingCalendar {

    /** Trading hours within one day: [open, close). */
    protected record TradingHours(Instant open, Instant close) {

        static TradingHours of(LocalDate day, LocalTime open, Duration length, ZoneId zone) {
            Instant opening = day.atTime(open).atZone(zone).toInstant();
            return new TradingHours(opening, opening.plus(length));
        }
    }

    private final ZoneId zone;

    protected SessionCalendar(ZoneId zone) {
        this.zone = zone;
    }

    /** A day with a daily bar; a week with one has a weekly bar. */
    public abstract boolean isTradingDay(LocalDate day);

    /** The day's trading hours, where intraday bars are expected; empty on a day without any. */
    protected abstract Optional<TradingHours> tradingHours(LocalDate day);

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public List<Instant> expectedBarTimes(Timeframe tf, Instant fromInclusive, Instant toExclusive) {
        List<Instant> times = new ArrayList<>();
        if (!fromInclusive.isBefore(toExclusive)) {
            return times;
        }
        LocalDate lastDay = localDate(toExclusive);
        if (tf == Timeframe.ONE_WEEK) {
            for (LocalDate sunday = weekStart(localDate(fromInclusive)); !sunday.isAfter(lastDay);
                 sunday = sunday.plusWeeks(1)) {
                Instant start = startOfDay(sunday);
                if (isWithin(start, fromInclusive, toExclusive) && hasTradingDay(sunday)) {
                    times.add(start);
                }
            }
            return times;
        }
        for (LocalDate day = localDate(fromInclusive); !day.isAfter(lastDay); day = day.plusDays(1)) {
            Instant midnight = startOfDay(day);
            if (tf == Timeframe.ONE_DAY) {
                if (isTradingDay(day) && isWithin(midnight, fromInclusive, toExclusive)) {
                    times.add(midnight);
                }
                continue;
            }
            Buckets buckets = buckets(day, tf).within(fromInclusive, toExclusive);
            for (long k = buckets.first(); k <= buckets.last(); k++) {
                times.add(buckets.start(k));
            }
        }
        return times;
    }

    @Override
    public Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    @Override
    public long countExpectedBars(Timeframe tf, Instant fromInclusive, Instant toExclusive) {
        if (!tf.isIntraday()) {
            return expectedBarTimes(tf, fromInclusive, toExclusive).size();
        }
        long count = 0;
        if (!fromInclusive.isBefore(toExclusive)) {
            return count;
        }
        LocalDate lastDay = localDate(toExclusive);
        for (LocalDate day = localDate(fromInclusive); !day.isAfter(lastDay); day = day.plusDays(1)) {
            count += buckets(day, tf).within(fromInclusive, toExclusive).size();
        }
        return count;
    }

    /** The day's buckets that overlap its trading hours (none without any). */
    private Buckets buckets(LocalDate day, Timeframe tf) {
        Instant midnight = startOfDay(day);
        long bucketNanos = tf.duration().toNanos();
        return tradingHours(day)
                .map(hours -> new Buckets(midnight, bucketNanos,
                        Math.floorDiv(Duration.between(midnight, hours.open()).toNanos(), bucketNanos),
                        ceilDiv(Duration.between(midnight, hours.close()).toNanos(), bucketNanos) - 1))
                .orElse(new Buckets(midnight, bucketNanos, 0, -1));
    }

    /** Buckets {@code first..last} of a day, bucket k starting at midnight + k × duration. */
    private record Buckets(Instant midnight, long bucketNanos, long first, long last) {

        Instant start(long k) {
            return midnight.plusNanos(k * bucketNanos);
        }

        /** The buckets whose start lies in [from, to). */
        Buckets within(Instant from, Instant to) {
            long fromBucket = ceilDiv(Duration.between(midnight, from).toNanos(), bucketNanos);
            long toBucket = ceilDiv(Duration.between(midnight, to).toNanos(), bucketNanos) - 1;
            return new Buckets(midnight, bucketNanos, Math.max(first, fromBucket), Math.min(last, toBucket));
        }

        long size() {
            return Math.max(0, last - first + 1);
        }
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private boolean hasTradingDay(LocalDate sunday) {
        for (int i = 0; i < 7; i++) {
            if (isTradingDay(sunday.plusDays(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static boolean isWithin(Instant start, Instant from, Instant to) {
        return !start.isBefore(from) && start.isBefore(to);
    }
}
