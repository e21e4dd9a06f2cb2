package io.mdw.api.keys;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The API's settings, checked when bound: a bad value fails start-up naming its variable.
 *
 * @param publicReads reads need no key (MDW_API_PUBLIC_READS, default true); admin and trigger always do
 * @param dbPoolSize  the API's R2DBC connections (MDW_API_DB_POOL_SIZE, default 8; spring.r2dbc.pool.max-size)
 */
@Validated
@ConfigurationProperties("mdw.api")
public record ApiProperties(boolean publicReads, @Min(1) int dbPoolSize) {
}
