package io.mdw.quality;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Limits of the validation rules, as fractions (0.5 = 50%).
 *
 * @param extremeMove           |c/o − 1| above this is an extreme move
 * @param extremeRange          h/l − 1 above this is an extreme move
 * @param priceGap              |o/c_prev − 1| above this is a price gap
 * @param volumeSpikeMultiple   volume above this × the median of the window is a spike
 * @param volumeDroughtMultiple volume below this × the median of the window is a drought
 * @param volumeWindow          how many previous bars the volume median covers
 * @param validatedScore        the quality score from which a bar counts as validated
 */
public record ValidationThresholds(BigDecimal extremeMove, BigDecimal extremeRange, BigDecimal priceGap,
                                   BigDecimal volumeSpikeMultiple, BigDecimal volumeDroughtMultiple,
                                   int volumeWindow, BigDecimal validatedScore) {

    public static final ValidationThresholds DEFAULTS = new ValidationThresholds(
            new BigDecimal("0.5"), new BigDecimal("1.0"), new BigDecimal("0.10"),
            new BigDecimal("10"), new BigDecimal("0.1"), 20, new BigDecimal("0.85"));

    public ValidationThresholds {
        Objects.requireNonNull(extremeMove, "extremeMove");
        Objects.requireNonNull(extremeRange, "extremeRange");
        Objects.requireNonNull(priceGap, "priceGap");
        Objects.requireNonNull(volumeSpikeMultiple, "volumeSpikeMultiple");
        Objects.requireNonNull(volumeDroughtMultiple, "volumeDroughtMultiple");
        Objects.requireNonNull(validatedScore, "validatedScore");
        if (volumeWindow < 1) {
            throw new IllegalArgumentException("volumeWindow must be at least 1, was " + volumeWindow);
        }
    }
}
