package io.mdw.api.quality;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of a series, from quality_daily. Rates and completeness in percent; completeness = records / records the
 * calendar expected.
 */
record DailyMetric(LocalDate date, String timeframe, long totalRecords, long validatedRecords,
                   BigDecimal validationRate, long rejectedRecords, long gapsDetected, long anomaliesDetected,
                   BigDecimal avgQualityScore, long expectedRecords, BigDecimal dataCompleteness) {
}
