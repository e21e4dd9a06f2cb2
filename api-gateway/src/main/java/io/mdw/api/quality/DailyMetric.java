package io.mdw.api.quality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdw.api.web.QualityScoreJson;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One UTC day of a symbol, from quality_daily: the old service's one entry a date, over the symbol's timeframes, with
 * each timeframe's own figures in {@code timeframes}; or, there, one timeframe's ({@code timeframe} set). Rates and
 * completeness in percent. {@code expectedRecords} are the bars the calendar expects of the day that have ended by the
 * report's time (today's still to come are not missing); completeness is the share of them that is stored, so at most
 * 100: {@code totalRecords} counts every stored bar, those the calendar does not expect too (a stock's pre- and
 * post-market hours).
 */
@NullMarked
record DailyMetric(LocalDate date, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String timeframe, long totalRecords,
                   long validatedRecords, @Nullable BigDecimal validationRate, long rejectedRecords,
                   @Schema(description = GAPS) long gapsDetected, @Schema(description = ANOMALIES) long anomaliesDetected,
                   @JsonSerialize(using = QualityScoreJson.class) @Nullable BigDecimal avgQualityScore, long expectedRecords,
                   @Nullable BigDecimal dataCompleteness,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<DailyMetric> timeframes) {

    /** What the counts hold, as the pipeline's QualityDailyStore counts them from the bars' flags. */
    static final String GAPS = "Stored bars with expected bars missing just before them (flag missing_bars)";
    static final String ANOMALIES = "Stored bars flagged ohlc_invalid, extreme_move, price_gap, volume_spike or "
            + "volume_drought (a bar with several of these flags counts once)";
}
