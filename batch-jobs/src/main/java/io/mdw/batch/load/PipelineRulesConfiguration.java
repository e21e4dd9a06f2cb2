package io.mdw.batch.load;

import io.mdw.quality.ValidationThresholds;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The domain's rules, with the thresholds an operator may tune under {@code mdw.validation.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ValidationSettings.class)
public class PipelineRulesConfiguration {

    @Bean
    ValidationThresholds validationThresholds(ValidationSettings settings) {
        return settings.thresholds();
    }
}
