package io.mdw.quality;

import io.mdw.calendar.TradingCalendar;
import io.mdw.market.Bar;
import io.mdw.market.Timeframe;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the bars of one (symbol, timeframe) series, fed in time order. Ratio rules are evaluated as
 * exact BigDecimal products (|c/o − 1| > t ⇔ |c − o| > t·o for o > 0), so a value on a boundary is never flagged.
 */
public final class SeriesValidator {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Timeframe timeframe;
    private final TradingCalendar calendar;
    private final ValidationThresholds thresholds;
    private final ArrayDeque<BigDecimal> volumeWindow = new ArrayDeque<>();
    private Bar previous;

    /** @param history earlier bars of the series, oldest first (possibly empty) */
    public SeriesValidator(Timeframe timeframe, TradingCalendar calendar, ValidationThresholds thresholds,
                           List<Bar> history) {
        this.timeframe = timeframe;
        this.calendar = calendar;
        this.thresholds = thresholds;
        int from = Math.max(0, history.size() - thresholds.volumeWindow());
        history.subList(from, history.size()).forEach(this::remember);
        if (!history.isEmpty()) {
            previous = history.get(history.size() - 1);
        }
    }

    /** Assesses the next bar of the series and remembers it as the previous bar. */
    public Assessment assess(Bar bar) {
        Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        if (isOhlcInvalid(bar)) {
            flags.add(QualityFlag.OHLC_INVALID);
        }
        if (isExtremeMove(bar)) {
            flags.add(QualityFlag.EXTREME_MOVE);
        }
        int missingBars = 0;
        if (previous != null) {
            if (exceeds(bar.open(), previous.close(), thresholds.priceGap())) {
                flags.add(QualityFlag.PRICE_GAP);
            }
            missingBars = Math.toIntExact(calendar.countExpectedBars(timeframe, previous.time().plusNanos(1), bar.time()));
            if (missingBars > 0) {
                flags.add(QualityFlag.MISSING_BARS);
            }
        }
        if (volumeWindow.size() == thresholds.volumeWindow()) {
            BigDecimal median = median(volumeWindow);
            if (median.signum() > 0) {
                if (bar.volume().compareTo(thresholds.volumeSpikeMultiple().multiply(median)) > 0) {
                    flags.add(QualityFlag.VOLUME_SPIKE);
                }
                if (bar.volume().compareTo(thresholds.volumeDroughtMultiple().multiply(median)) < 0) {
                    flags.add(QualityFlag.VOLUME_DROUGHT);
                }
            }
        }
        remember(bar);
        previous = bar;
        return Assessment.of(flags, missingBars, thresholds.validatedScore());
    }

    private void remember(Bar bar) {
        volumeWindow.addLast(bar.volume());
        if (volumeWindow.size() > thresholds.volumeWindow()) {
            volumeWindow.removeFirst();
        }
    }

    private static boolean isOhlcInvalid(Bar bar) {
        BigDecimal o = bar.open();
        BigDecimal h = bar.high();
        BigDecimal l = bar.low();
        BigDecimal c = bar.close();
        return h.compareTo(o.max(c)) < 0
                || l.compareTo(o.min(c)) > 0
                || h.compareTo(l) < 0
                || o.signum() <= 0 || h.signum() <= 0 || l.signum() <= 0 || c.signum() <= 0;
    }

    private boolean isExtremeMove(Bar bar) {
        boolean extremeBody = exceeds(bar.close(), bar.open(), thresholds.extremeMove());
        boolean extremeRange = bar.low().signum() > 0
                && bar.high().subtract(bar.low()).compareTo(thresholds.extremeRange().multiply(bar.low())) > 0;
        return extremeBody || extremeRange;
    }

    /** |value/base − 1| > limit, skipped (false) when base ≤ 0. */
    private static boolean exceeds(BigDecimal value, BigDecimal base, BigDecimal limit) {
        return base.signum() > 0 && value.subtract(base).abs().compareTo(limit.multiply(base)) > 0;
    }

    private static BigDecimal median(ArrayDeque<BigDecimal> values) {
        BigDecimal[] sorted = values.toArray(BigDecimal[]::new);
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[middle];
        }
        return sorted[middle - 1].add(sorted[middle]).divide(TWO);
    }
}
