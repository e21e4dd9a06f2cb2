package io.mdw.batch.source.polygon;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the provider. Bound from POLYGON_API_KEY, POLYGON_BASE_URL, POLYGON_CALLS_PER_MINUTE and the other
 * POLYGON_* variables (see application.yml), and checked then: a bad value fails start-up naming its variable, rather
 * than being clamped (a negative rate) or failing the first load.
 */
@Validated
@ConfigurationProperties("polygon")
public record PolygonProperties(
        String apiKey,
        @NotNull URI baseUrl,
        @Min(1) int callsPerMinute,
        @Min(1) @Max(PolygonProperties.MAX_PAGE_LIMIT) int pageLimit,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 30s") Duration requestTimeout,
        @Min(1) int maxAttempts,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 2s") Duration initialBackoff,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 60s") Duration maxBackoff,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 30s") Duration circuitOpenWait) {

    /** Polygon's largest page. */
    public static final int MAX_PAGE_LIMIT = 50_000;

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Without the key: a record's own toString would print it wherever the settings are logged. */
    @Override
    public String toString() {
        return "PolygonProperties[apiKey=" + (hasApiKey() ? "(set)" : "(not set)") + ", baseUrl=" + baseUrl
                + ", callsPerMinute=" + callsPerMinute + ", pageLimit=" + pageLimit + ", requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }

    /** The provider is reached over HTTP: a base URL such as ftp://host or api.polygon.io (no scheme) cannot work. */
    @AssertTrue(message = "POLYGON_BASE_URL must be an http:// or https:// URL with a host, such as https://api.polygon.io")
    public boolean isBaseUrlHttp() {
        return baseUrl == null || (("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))
                && baseUrl.getHost() != null);
    }
}
