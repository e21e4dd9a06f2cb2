package io.mdw.batch.source.polygon;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider client and the resilience around it: one rate limiter and breaker per JVM, shared by all partitions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolygonProperties.class)
public class PolygonSourceConfiguration {

    @Bean
    RateLimiter polygonRateLimiter(PolygonProperties properties) {
        return RateLimiter.of("polygon", RateLimiterConfig.custom()
                .limitForPeriod(properties.callsPerMinute())
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(10))
                .build());
    }

    @Bean
    CircuitBreaker polygonCircuitBreaker(PolygonProperties properties) {
        return CircuitBreaker.of("polygon", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.circuitOpenWait())
                // then one trial call: if it fails too, the breaker opens again for as long
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof TransientProviderException t && !t.rateLimited())
                .build());
    }

    @Bean
    Retry polygonRetry(PolygonProperties properties) {
        return Retry.of("polygon", RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                // an open breaker (other series' calls failed) is waited out, one attempt after another, like a 503
                .retryOnException(e -> e instanceof TransientProviderException || e instanceof CallNotPermittedException)
                .intervalBiFunction(backoff(properties.initialBackoff(), properties.maxBackoff(),
                        properties.circuitOpenWait()))
                .build());
    }

    /**
     * After a call the open circuit breaker refused, its open wait, so that the next attempt may pass; else what the
     * provider asked for in Retry-After, or exponential, either at most max: a provider's (or a proxy's) day-long
     * Retry-After would hold the partition and one of the node's load threads for that long.
     */
    static IntervalBiFunction<Object> backoff(Duration initial, Duration max, Duration circuitOpenWait) {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof CallNotPermittedException) {
                return circuitOpenWait.toMillis();
            }
            long wait = outcome.isLeft() && outcome.getLeft() instanceof TransientProviderException t
                    && t.retryAfter() != null ? t.retryAfter().toMillis() : initial.toMillis() << Math.min(attempt - 1, 20);
            return Math.min(wait, max.toMillis());
        };
    }

    /** The fetches of the loads running here, which stopping a load wakes from their waits to retry. */
    @Bean
    RetryWaits retryWaits() {
        return new RetryWaits();
    }

    @Bean
    PolygonClient polygonClient(PolygonProperties properties, RateLimiter polygonRateLimiter,
            CircuitBreaker polygonCircuitBreaker, Retry polygonRetry, RetryWaits retryWaits,
            java.util.List<PolygonClient.ProviderRequestListener> listeners) {
        return new PolygonClient(properties, polygonRateLimiter, polygonCircuitBreaker, polygonRetry, retryWaits,
                PolygonClient.ProviderRequestListener.all(listeners));
    }
}
