package io.mdw.batch.load;

import java.math.BigDecimal;

import io.mdw.quality.ValidationThresholds;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The validation rules' thresholds an operator may tune ({@code mdw.validation.*}, e.g. MDW_VALIDATION_EXTREMEMOVE),
 * checked when bound: a value no rule can mean (a negative gap, a spike below the median, a score above 1) fails
 * start-up naming its variable. Unset ones keep the rules' defaults ({@link ValidationThresholds#DEFAULTS}).
 */
@Validated
@ConfigurationProperties("mdw.validation")
public record ValidationSettings(@Positive BigDecimal extremeMove,
                                 @Positive BigDecimal extremeRange,
                                 @Positive BigDecimal priceGap,
                                 @DecimalMin("1") BigDecimal volumeSpikeMultiple,
                                 @DecimalMin("0") @DecimalMax("1") BigDecimal volumeDroughtMultiple,
                                 @Min(1) @Max(1000) Integer volumeWindow,
                                 @DecimalMin("0") @DecimalMax("1") BigDecimal validatedScore) {

    ValidationThresholds thresholds() {
        ValidationThresholds defaults = ValidationThresholds.DEFAULTS;
        return new ValidationThresholds(
                extremeMove != null ? extremeMove : defaults.extremeMove(),
                extremeRange != null ? extremeRange : defaults.extremeRange(),
                priceGap != null ? priceGap : defaults.priceGap(),
                volumeSpikeMultiple != null ? volumeSpikeMultiple : defaults.volumeSpikeMultiple(),
                volumeDroughtMultiple != null ? volumeDroughtMultiple : defaults.volumeDroughtMultiple(),
                volumeWindow != null ? volumeWindow : defaults.volumeWindow(),
                validatedScore != null ? validatedScore : defaults.validatedScore());
    }
}
