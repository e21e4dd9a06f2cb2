package io.mdw.batch.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.market.RawBar;

/** Bars of a made-up series in the provider's format: a price wandering by up to a dollar a bar, a volume of 1.5. */
public final class SyntheticBars {

    private SyntheticBars() {
    }

    /** {@code count} bars one {@code step} apart from {@code start}. */
    public static List<RawBar> every(Duration step, Instant start, int count) {
        List<RawBar> bars = new ArrayList<>(count);
        BigDecimal price = new BigDecimal("42000.00");
        for (int i = 0; i < count; i++) {
            BigDecimal close = price.add(BigDecimal.valueOf((i * 7919L) % 200 - 100, 2));
            bars.add(new RawBar(Long.toString(start.toEpochMilli() + i * step.toMillis()), price.toPlainString(),
                    price.max(close).add(BigDecimal.ONE).toPlainString(),
                    price.min(close).subtract(BigDecimal.ONE).toPlainString(), close.toPlainString(),
                    "1.5", null, null));
            price = close;
        }
        return bars;
    }
}
