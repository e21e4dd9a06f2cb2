package io.mdw.api.quality;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One UTC day of a series, from quality_daily. Rates and completeness in percent. {@code expectedRecords} are the bars
 * the calendar expects of the day that have ended by the report's time (today's still to come are not missing);
 * completeness is the share of them that is stored, so at most 100: {@code totalRecords} counts every stored bar, those
 * the calendar does not expect too (a stock's pre- and post-market hours).
 */
record DailyMetric(LocalDate date, String timeframe, long totalRecords, long validatedRecords,
                   BigDecimal validationRate, long rejectedRecords, long gapsDetected, long anomaliesDetected,
                   BigDecimal avgQualityScore, long expectedRecords, BigDecimal dataCompleteness) {
}
