package io.mdw.batch.load;

import java.math.BigDecimal;

import io.mdw.quality.ValidationThresholds;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The domain's rules, with the thresholds an operator may tune under {@code mdw.validation.*}. */
@Configuration(proxyBeanMethods = false)
public class PipelineRulesConfiguration {

    @Bean
    ValidationThresholds validationThresholds(Environment environment) {
        Binder binder = Binder.get(environment);
        ValidationThresholds d = ValidationThresholds.DEFAULTS;
        return new ValidationThresholds(
                binder.bind("mdw.validation.extreme-move", BigDecimal.class).orElse(d.extremeMove()),
                binder.bind("mdw.validation.extreme-range", BigDecimal.class).orElse(d.extremeRange()),
                binder.bind("mdw.validation.price-gap", BigDecimal.class).orElse(d.priceGap()),
                binder.bind("mdw.validation.volume-spike-multiple", BigDecimal.class).orElse(d.volumeSpikeMultiple()),
                binder.bind("mdw.validation.volume-drought-multiple", BigDecimal.class).orElse(d.volumeDroughtMultiple()),
                binder.bind("mdw.validation.volume-window", Integer.class).orElse(d.volumeWindow()),
                binder.bind("mdw.validation.validated-score", BigDecimal.class).orElse(d.validatedScore()));
    }
}
