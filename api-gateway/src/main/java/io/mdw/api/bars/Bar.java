package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.mdw.quality.QualityFlag;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One OHLCV bar as the API serves it. Prices, volumes and the quality score are the stored NUMERICs as PostgreSQL
 * prints them (its exact decimal text), written to JSON as numbers: what the provider sent is what the consumer reads,
 * and an answer never pays for converting them to BigDecimal and back.
 * {@code gap_detected}, {@code volume_anomaly} and {@code validation_notes} keep the old service's fields;
 * {@code bar_count} is set on resampled bars only (how many stored bars were aggregated).
 */
@NullMarked
public record Bar(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String symbol,
        Instant time,
        @JsonRawValue @Schema(type = "number") @Nullable String open,
        @JsonRawValue @Schema(type = "number") @Nullable String high,
        @JsonRawValue @Schema(type = "number") @Nullable String low,
        @JsonRawValue @Schema(type = "number") @Nullable String close,
        @JsonRawValue @Schema(type = "number") @Nullable String volume,
        @JsonRawValue @Schema(type = "number") @Nullable String vwap,
        @Nullable Long tradeCount,
        @JsonRawValue @Schema(type = "number") @Nullable String qualityScore,
        boolean validated,
        boolean gapDetected,
        boolean volumeAnomaly,
        @Nullable String validationNotes,
        List<String> flags,
        int missingBars,
        @Nullable String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer barCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BarFeatures features) {

    Bar withFeatures(BarFeatures computed) {
        return new Bar(symbol, time, open, high, low, close, volume, vwap, tradeCount, qualityScore, validated,
                gapDetected, volumeAnomaly, validationNotes, flags, missingBars, source, barCount, computed);
    }

    /**
     * Whether open, high, low, close and volume are numbers. A NUMERIC NaN or infinity stored in the warehouse by
     * hand (the pipeline refuses them) is served as null, and such a bar cannot be a step of the feature calculation.
     */
    boolean hasEveryValue() {
        return open != null && high != null && low != null && close != null && volume != null;
    }

    io.mdw.market.Bar toModel() {
        return new io.mdw.market.Bar(time, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume), vwap == null ? null : new BigDecimal(vwap), tradeCount);
    }

    static Bar of(@Nullable String symbol, Instant time, @Nullable String open, @Nullable String high,
                  @Nullable String low, @Nullable String close, @Nullable String volume, @Nullable String vwap,
                  @Nullable Long tradeCount, @Nullable String qualityScore, boolean validated, List<String> flags,
                  int missingBars, @Nullable String source, @Nullable Integer barCount,
                  @Nullable BarFeatures features) {
        String notes = flags.isEmpty() ? null : String.join(", ", flags);
        return new Bar(symbol, time, open, high, low, close, volume, vwap, tradeCount, qualityScore, validated,
                QualityFlag.Group.GAP.containsAny(flags), QualityFlag.Group.VOLUME_ANOMALY.containsAny(flags), notes,
                flags, missingBars, source, barCount, features);
    }
}
