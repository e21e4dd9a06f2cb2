package io.mdw.batch.source.polygon;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach the provider. Bound from POLYGON_API_KEY, POLYGON_BASE_URL and POLYGON_CALLS_PER_MINUTE
 * (see application.yml); the rest have defaults that suit the free plan.
 */
@ConfigurationProperties("polygon")
public record PolygonProperties(
        String apiKey,
        URI baseUrl,
        int callsPerMinute,
        int pageLimit,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
