package io.mdw.health;

import java.util.Objects;

import io.mdw.market.Timeframe;

/**
 * How far one stored series of a symbol lags its trading calendar.
 *
 * @param barsBehind complete bars the calendar expected after the series' last stored one
 */
public record SeriesLag(Timeframe timeframe, long barsBehind) {

    public SeriesLag {
        Objects.requireNonNull(timeframe, "timeframe");
        if (barsBehind < 0) {
            throw new IllegalArgumentException("barsBehind must not be negative: " + barsBehind);
        }
    }
}
