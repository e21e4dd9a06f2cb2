package io.mdw.batch.metrics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often a node recomputes the staleness gauges (MDW_METRICS_STALENESS_REFRESH), checked when bound so that a bad
 * value fails start-up naming its variable, not as an invalid {@code @Scheduled} method.
 */
@Validated
@ConfigurationProperties("mdw.metrics")
public record MetricsSettings(
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 1m") @DefaultValue("1m")
        Duration stalenessRefresh) {
}
