package io.mdw.scheduling;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The nightly load (defaults and their environment variables in quartz-defaults.properties), checked when bound: a bad
 * value fails start-up naming its variable.
 *
 * @param cron            Quartz cron expression of the nightly run
 * @param zone            time zone the cron expression is read in
 * @param overlapBars     bars before the newest stored one that are loaded again, for late corrections
 * @param defaultLookback how far back a series with no bars and no history start is loaded
 */
@Validated
@ConfigurationProperties("mdw.nightly")
record NightlyLoadProperties(
        @NotNull @QuartzCron String cron,
        @NotNull ZoneId zone,
        @Min(0) int overlapBars,
        @NotNull @DurationMin(seconds = 1, message = "must be a positive duration such as 365d") Duration defaultLookback) {
}
