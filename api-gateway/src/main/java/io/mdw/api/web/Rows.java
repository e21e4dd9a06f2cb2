package io.mdw.api.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.r2dbc.spi.Readable;

/** Column reads shared by the repositories. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Spring Batch stores TIMESTAMP without zone, in the batch node's local time; the API and the batch nodes
     * run with the same zone (UTC in the shipped configurations).
     */
    public static Instant batchInstant(Readable row, String column) {
        LocalDateTime value = row.get(column, LocalDateTime.class);
        return value == null ? null : value.atZone(ZoneId.systemDefault()).toInstant();
    }

    /** Epoch milliseconds as Quartz stores them; 0 or negative means "never". */
    public static Instant epochMillis(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null || value <= 0 ? null : Instant.ofEpochMilli(value);
    }

    public static long count(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** A ratio rounded for display, or null when undefined. */
    public static BigDecimal round(Number value, int scale) {
        if (value == null) {
            return null;
        }
        return new BigDecimal(value.toString()).setScale(scale, RoundingMode.HALF_UP);
    }

    /**
     * The mean quality score of groups of bars (a day's timeframes, days, series) from each group's average and count,
     * exactly, for display rounded by who shows it: a bar's score has two decimals (bars.quality_score), so a group's
     * total is its average times its count to two decimals, to whatever digits its average was cut. Groups without an
     * average are left out; without any, null.
     */
    public static <T> BigDecimal meanScore(List<T> groups, Function<T, BigDecimal> average, ToLongFunction<T> count) {
        BigDecimal total = BigDecimal.ZERO;
        long bars = 0;
        for (T group : groups) {
            if (average.apply(group) != null) {
                total = total.add(average.apply(group).multiply(BigDecimal.valueOf(count.applyAsLong(group)))
                        .setScale(2, RoundingMode.HALF_UP));
                bars += count.applyAsLong(group);
            }
        }
        return bars == 0 ? null : total.divide(BigDecimal.valueOf(bars), MathContext.DECIMAL64);
    }

    public static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part * 100.0 / whole).setScale(2, RoundingMode.HALF_UP);
    }
}
