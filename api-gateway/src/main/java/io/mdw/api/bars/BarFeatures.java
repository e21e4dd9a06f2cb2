package io.mdw.api.bars;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mdw.features.FeatureColumns;
import io.r2dbc.spi.Readable;

/**
 * The published features of a bar ({@link FeatureColumns#PUBLISHED}; null until the series had enough
 * history); JSON names are the column names.
 */
public record BarFeatures(
        @JsonProperty("ret_1") Double ret1,
        @JsonProperty("log_ret_1") Double logRet1,
        Double gapPct,
        Double rangePct,
        Double trueRange,
        Double dollarVolume,
        @JsonProperty("sma_20") Double sma20,
        @JsonProperty("sma_50") Double sma50,
        @JsonProperty("ema_12") Double ema12,
        @JsonProperty("ema_26") Double ema26,
        Double macd,
        Double macdSignal,
        @JsonProperty("rsi_14") Double rsi14,
        @JsonProperty("atr_14") Double atr14,
        @JsonProperty("volatility_20") Double volatility20,
        @JsonProperty("volatility_50") Double volatility50,
        @JsonProperty("bb_upper_20") Double bbUpper20,
        @JsonProperty("bb_lower_20") Double bbLower20,
        @JsonProperty("volume_sma_20") Double volumeSma20,
        @JsonProperty("volume_ratio_20") Double volumeRatio20,
        String trendDirection,
        String marketStructure) {

    /** The features of a bar that has none: every one null. */
    static final BarFeatures NONE = new BarFeatures(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    private static final FeatureColumns.ColumnReader<Readable, RuntimeException> R2DBC_COLUMNS =
            new FeatureColumns.ColumnReader<>() {
                @Override
                public Double number(Readable row, String column) {
                    return row.get(column, Double.class);
                }

                @Override
                public String text(Readable row, String column) {
                    return row.get(column, String.class);
                }
            };

    /** A row with the {@link FeatureColumns#PUBLISHED} columns. */
    static BarFeatures from(Readable row) {
        return of(FeatureColumns.readPublished(row, R2DBC_COLUMNS));
    }

    static BarFeatures of(io.mdw.features.BarFeatures f) {
        return new BarFeatures(f.ret1(), f.logRet1(), f.gapPct(), f.rangePct(), f.trueRange(), f.dollarVolume(),
                f.sma20(), f.sma50(), f.ema12(), f.ema26(), f.macd(), f.macdSignal(), f.rsi14(), f.atr14(),
                f.volatility20(), f.volatility50(), f.bbUpper20(), f.bbLower20(), f.volumeSma20(), f.volumeRatio20(),
                f.trendDirection() == null ? null : f.trendDirection().code(),
                f.marketStructure() == null ? null : f.marketStructure().code());
    }

    /** Values in the order of {@link FeatureColumns#PUBLISHED}, for CSV. */
    List<Object> values() {
        return Arrays.asList(ret1, logRet1, gapPct, rangePct, trueRange, dollarVolume, sma20, sma50, ema12,
                ema26, macd, macdSignal, rsi14, atr14, volatility20, volatility50, bbUpper20, bbLower20, volumeSma20,
                volumeRatio20, trendDirection, marketStructure);
    }
}
