package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One OHLCV bar as the API serves it. Prices and volumes are the stored NUMERICs, unchanged.
 * {@code gap_detected}, {@code volume_anomaly} and {@code validation_notes} keep the old service's fields;
 * {@code bar_count} is set on resampled bars only (how many stored bars were aggregated).
 */
public record Bar(
        @JsonInclude(JsonInclude.Include.NON_NULL) String symbol,
        Instant time,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal vwap,
        Long tradeCount,
        BigDecimal qualityScore,
        boolean validated,
        boolean gapDetected,
        boolean volumeAnomaly,
        String validationNotes,
        List<String> flags,
        int missingBars,
        String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer barCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) BarFeatures features) {

    Bar withFeatures(BarFeatures computed) {
        return new Bar(symbol, time, open, high, low, close, volume, vwap, tradeCount, qualityScore, validated,
                gapDetected, volumeAnomaly, validationNotes, flags, missingBars, source, barCount, computed);
    }

    io.mdw.market.Bar toModel() {
        return new io.mdw.market.Bar(time, open, high, low, close, volume, vwap, tradeCount);
    }

    static Bar of(String symbol, Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                  BigDecimal volume, BigDecimal vwap, Long tradeCount, BigDecimal qualityScore, boolean validated,
                  List<String> flags, int missingBars, String source, Integer barCount, BarFeatures features) {
        boolean gap = flags.contains("price_gap") || flags.contains("missing_bars");
        boolean volumeAnomaly = flags.contains("volume_spike") || flags.contains("volume_drought");
        String notes = flags.isEmpty() ? null : String.join(", ", flags);
        return new Bar(symbol, time, open, high, low, close, volume, vwap, tradeCount, qualityScore, validated,
                gap, volumeAnomaly, notes, flags, missingBars, source, barCount, features);
    }
}
