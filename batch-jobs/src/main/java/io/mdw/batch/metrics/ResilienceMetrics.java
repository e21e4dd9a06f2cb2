package io.mdw.batch.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The provider's resilience in metrics: resilience4j's own (circuit breaker state and calls, retry outcomes, rate
 * limiter permits and waiting threads) plus each retry with the backoff it waited.
 */
@Component
public class ResilienceMetrics {

    public ResilienceMetrics(MeterRegistry registry, CircuitBreaker polygonCircuitBreaker, Retry polygonRetry,
            RateLimiter polygonRateLimiter) {
        new TaggedCircuitBreakerMetricsPublisher(registry).publishMetrics(polygonCircuitBreaker);
        new TaggedRetryMetricsPublisher(registry).publishMetrics(polygonRetry);
        new TaggedRateLimiterMetricsPublisher(registry).publishMetrics(polygonRateLimiter);
        Timer backoff = Timer.builder("mdw.provider.retry.backoff")
                .description("Retries of a failed provider attempt (count) and the backoff waited before each")
                .tag("provider", ProviderMetrics.PROVIDER)
                .register(registry);
        polygonRetry.getEventPublisher().onRetry(event -> backoff.record(event.getWaitInterval()));
    }
}
