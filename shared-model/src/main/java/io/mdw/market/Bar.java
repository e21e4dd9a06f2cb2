package io.mdw.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar starting at {@code time}. Prices keep the exact decimal text the provider sent.
 * {@code vwap} and {@code tradeCount} are optional (not every source provides them).
 */
public record Bar(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                  BigDecimal volume, BigDecimal vwap, Long tradeCount) {

    public Bar {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
    }
}
