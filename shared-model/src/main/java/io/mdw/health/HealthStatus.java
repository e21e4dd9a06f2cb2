package io.mdw.health;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

import io.mdw.calendar.Staleness;

/**
 * A symbol's status in the API's reports. The enrichment status builds on the stored data's ({@code /symbols/detailed},
 * the old service's validation-rate bands), so the two never disagree but where the enrichment status knows more: a
 * failed last load (error) and, per the product brief, an average quality score of 0.9 or less (warning). Both count a
 * missing series (a tracked timeframe without bars) as stale.
 */
public enum HealthStatus {
    HEALTHY, WARNING, STALE, ERROR, NOT_ENRICHED;

    private static final BigDecimal STALE_BELOW_RATE = new BigDecimal("85");
    private static final BigDecimal WARNING_BELOW_RATE = new BigDecimal("95");
    private static final BigDecimal WARNING_AT_OR_BELOW_QUALITY = new BigDecimal("0.9");

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status of a symbol's stored data ({@code /symbols/detailed}): stale when ≥ 2 bars behind or less than 85% of
     * its bars validated, warning when 1 bar behind or less than 95% validated, else healthy. The old service's 72 h /
     * 24 h age thresholds, made calendar-aware.
     *
     * @param validationRatePercent validated bars per 100 stored
     */
    public static HealthStatus ofStoredData(SymbolLag lag, BigDecimal validationRatePercent) {
        Objects.requireNonNull(validationRatePercent, "validationRatePercent");
        Staleness staleness = lag.staleness();
        if (isStaleOrMissing(staleness) || validationRatePercent.compareTo(STALE_BELOW_RATE) < 0) {
            return STALE;
        }
        if (staleness == Staleness.AGING || validationRatePercent.compareTo(WARNING_BELOW_RATE) < 0) {
            return WARNING;
        }
        return HEALTHY;
    }

    /**
     * The status of a symbol's enrichment when it has bars: error when its latest load failed, ahead of what the bars
     * say (bars loaded before may still look fine), else the status of its stored data, made warning from healthy when
     * the average quality score is ≤ 0.9.
     *
     * @param validationRatePercent validated bars per 100 stored
     */
    public static HealthStatus ofEnrichment(boolean lastLoadFailed, SymbolLag lag, BigDecimal averageQualityScore,
                                            BigDecimal validationRatePercent) {
        Objects.requireNonNull(averageQualityScore, "averageQualityScore");
        if (lastLoadFailed) {
            return ERROR;
        }
        HealthStatus storedData = ofStoredData(lag, validationRatePercent);
        return storedData == HEALTHY && averageQualityScore.compareTo(WARNING_AT_OR_BELOW_QUALITY) <= 0
                ? WARNING : storedData;
    }

    /** The status of a symbol's enrichment before it has any bar: error when its last load failed, else not enriched. */
    public static HealthStatus ofNothingLoaded(boolean lastLoadFailed) {
        return lastLoadFailed ? ERROR : NOT_ENRICHED;
    }

    private static boolean isStaleOrMissing(Staleness staleness) {
        return staleness == Staleness.STALE || staleness == Staleness.MISSING;
    }
}
