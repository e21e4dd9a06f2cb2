package io.mdw.api.keys;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The API's settings, checked when bound: a bad value fails start-up naming its variable.
 *
 * @param publicReads         reads need no key (MDW_API_PUBLIC_READS, default true); admin and trigger always do
 * @param dbPoolSize          the API's R2DBC connections (MDW_API_DB_POOL_SIZE, default 8; spring.r2dbc.pool.max-size)
 * @param dbStatementTimeout  the longest a statement of the API may run in PostgreSQL (MDW_API_DB_STATEMENT_TIMEOUT,
 *                            default 60s), so that no request holds one of the few connections for longer
 * @param dbAcquireTimeout    the longest a request waits for a free connection before it is answered 503
 *                            (MDW_API_DB_ACQUIRE_TIMEOUT, default 10s; spring.r2dbc.pool.max-acquire-time)
 * @param requestBodyTimeout  the longest a request's body may take to arrive once its headers are in
 *                            (MDW_API_REQUEST_BODY_TIMEOUT, default 30s); past it the request is answered 408
 * @param idleTimeout         how long a connection may stay silent, or take in nothing of its answer, before it is closed
 *                            (SERVER_NETTY_IDLE_TIMEOUT, default 60s; server.netty.idle-timeout, which turns the timeout
 *                            off when zero or less: io.mdw.api.web.IdleConnections)
 */
@Validated
@ConfigurationProperties("mdw.api")
public record ApiProperties(boolean publicReads, @Min(1) int dbPoolSize,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 60s") Duration dbStatementTimeout,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 10s") Duration dbAcquireTimeout,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 30s") Duration requestBodyTimeout,
        @NotNull @DurationMin(millis = 1, message = "must be a positive duration such as 60s") Duration idleTimeout) {
}
