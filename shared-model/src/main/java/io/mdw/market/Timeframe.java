package io.mdw.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Bar sizes, with the codes users type and the multiplier/timespan pair Polygon's aggregates API expects. */
public enum Timeframe {
    ONE_MINUTE("1m", Duration.ofMinutes(1), 1, "minute"),
    FIVE_MINUTES("5m", Duration.ofMinutes(5), 5, "minute"),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15), 15, "minute"),
    THIRTY_MINUTES("30m", Duration.ofMinutes(30), 30, "minute"),
    ONE_HOUR("1h", Duration.ofHours(1), 1, "hour"),
    FOUR_HOURS("4h", Duration.ofHours(4), 4, "hour"),
    ONE_DAY("1d", Duration.ofDays(1), 1, "day"),
    ONE_WEEK("1w", Duration.ofDays(7), 1, "week");

    private final String code;
    private final Duration duration;
    private final int polygonMultiplier;
    private final String polygonTimespan;

    Timeframe(String code, Duration duration, int polygonMultiplier, String polygonTimespan) {
        this.code = code;
        this.duration = duration;
        this.polygonMultiplier = polygonMultiplier;
        this.polygonTimespan = polygonTimespan;
    }

    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    public int polygonMultiplier() {
        return polygonMultiplier;
    }

    public String polygonTimespan() {
        return polygonTimespan;
    }

    /** True for bars shorter than a day, which are aligned inside the trading session. */
    public boolean isIntraday() {
        return duration.compareTo(Duration.ofDays(1)) < 0;
    }

    /** Whether bars of this size can be aggregated from bars of {@code finer}: shorter, and dividing it. */
    public boolean aggregatesFrom(Timeframe finer) {
        return finer.duration.compareTo(duration) < 0 && duration.toSeconds() % finer.duration.toSeconds() == 0;
    }

    public static Timeframe fromCode(String code) {
        for (Timeframe timeframe : values()) {
            if (timeframe.code.equals(code)) {
                return timeframe;
            }
        }
        throw new IllegalArgumentException("Invalid timeframe '" + code + "'; valid timeframes: " + validCodes());
    }

    public static String validCodes() {
        return Arrays.stream(values()).map(Timeframe::code).collect(Collectors.joining(", "));
    }
}
