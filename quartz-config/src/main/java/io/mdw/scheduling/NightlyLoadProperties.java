package io.mdw.scheduling;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The nightly load (defaults and their environment variables in quartz-defaults.properties).
 *
 * @param cron            Quartz cron expression of the nightly run
 * @param zone            time zone the cron expression is read in
 * @param overlapBars     bars before the newest stored one that are loaded again, for late corrections
 * @param defaultLookback how far back a series with no bars and no history start is loaded
 */
@ConfigurationProperties("mdw.nightly")
record NightlyLoadProperties(String cron, ZoneId zone, int overlapBars, Duration defaultLookback) {

    NightlyLoadProperties {
        Objects.requireNonNull(cron, "mdw.nightly.cron");
        Objects.requireNonNull(zone, "mdw.nightly.zone");
        Objects.requireNonNull(defaultLookback, "mdw.nightly.default-lookback");
    }
}
