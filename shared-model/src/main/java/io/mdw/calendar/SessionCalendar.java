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

/**
 * A calendar of one session per trading day, with Polygon's bar alignment: daily bars start at local
 * midnight of the trading day, weekly bars at Sunday midnight of weeks with a trading day, and intraday
 * buckets are aligned from local midnight and expected when they overlap the session.
 */
public abstract class SessionCalendar implements TradingCalendar {

    private final ZoneId zone;
    private final LocalTime sessionOpen;
    private final Duration sessionLength;

    protected SessionCalendar(ZoneId zone, LocalTime sessionOpen, Duration sessionLength) {
        this.zone = zone;
        this.sessionOpen = sessionOpen;
        this.sessionLength = sessionLength;
    }

    public abstract boolean isTradingDay(LocalDate day);

    public ZoneId zone() {
        return zone;
    }

    @Override
    public List<Instant> expectedBarTimes(Timeframe tf, Instant fromInclusive, Instant toExclusive) {
        List<Instant> times = new ArrayList<>();
        if (!fromInclusive.isBefore(toExclusive)) {
            return times;
        }
        if (tf == Timeframe.ONE_WEEK) {
            for (LocalDate sunday = weekStart(localDate(fromInclusive)); !sunday.isAfter(localDate(toExclusive));
                 sunday = sunday.plusWeeks(1)) {
                addIfWithin(times, sunday.atStartOfDay(zone).toInstant(), fromInclusive, toExclusive,
                        hasTradingDay(sunday));
            }
            return times;
        }
        for (LocalDate day = localDate(fromInclusive); !day.isAfter(localDate(toExclusive)); day = day.plusDays(1)) {
            if (!isTradingDay(day)) {
                continue;
            }
            Instant midnight = day.atStartOfDay(zone).toInstant();
            if (tf == Timeframe.ONE_DAY) {
                addIfWithin(times, midnight, fromInclusive, toExclusive, true);
                continue;
            }
            Buckets buckets = buckets(day, midnight, tf);
            for (long k = buckets.first(); k <= buckets.last(); k++) {
                addIfWithin(times, buckets.start(k), fromInclusive, toExclusive, true);
            }
        }
        return times;
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
        for (LocalDate day = localDate(fromInclusive); !day.isAfter(localDate(toExclusive)); day = day.plusDays(1)) {
            if (!isTradingDay(day)) {
                continue;
            }
            Buckets buckets = buckets(day, day.atStartOfDay(zone).toInstant(), tf);
            if (!buckets.start(buckets.first()).isBefore(fromInclusive)
                    && buckets.start(buckets.last()).isBefore(toExclusive)) {
                count += buckets.last() - buckets.first() + 1;
                continue;
            }
            for (long k = buckets.first(); k <= buckets.last(); k++) {
                Instant start = buckets.start(k);
                if (!start.isBefore(fromInclusive) && start.isBefore(toExclusive)) {
                    count++;
                }
            }
        }
        return count;
    }

    private Buckets buckets(LocalDate day, Instant midnight, Timeframe tf) {
        long bucketSeconds = tf.duration().toSeconds();
        Instant open = day.atTime(sessionOpen).atZone(zone).toInstant();
        long openOffset = Duration.between(midnight, open).toSeconds();
        long closeOffset = openOffset + sessionLength.toSeconds();
        long first = Math.floorDiv(openOffset, bucketSeconds);
        long last = Math.floorDiv(closeOffset + bucketSeconds - 1, bucketSeconds) - 1;
        return new Buckets(midnight, bucketSeconds, first, last);
    }

    /** Buckets {@code first..last} of a day, bucket k starting at midnight + k × duration. */
    private record Buckets(Instant midnight, long bucketSeconds, long first, long last) {
        Instant start(long k) {
            return midnight.plusSeconds(k * bucketSeconds);
        }
    }

    private boolean hasTradingDay(LocalDate sunday) {
        for (int i = 0; i < 7; i++) {
            if (isTradingDay(sunday.plusDays(i))) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static void addIfWithin(List<Instant> times, Instant start, Instant from, Instant to, boolean expected) {
        if (expected && !start.isBefore(from) && start.isBefore(to)) {
            times.add(start);
        }
    }
}
