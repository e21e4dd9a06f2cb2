package io.mdw.batch.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mdw.batch.source.polygon.PolygonClient;
import org.springframework.stereotype.Component;

/** Every HTTP attempt to the provider, timed by status and outcome, and how long attempts waited for the rate limiter. */
@Component
public class ProviderMetrics implements PolygonClient.ProviderRequestListener {

    static final String PROVIDER = "polygon";

    private final MeterRegistry registry;
    private final Timer rateLimitWait;

    public ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimitWait = Timer.builder("mdw.provider.rate.limit.wait")
                .description("Time an attempt waited for a permit of the provider rate limiter")
                .tag("provider", PROVIDER)
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public Long onRequest(PolygonClient.RequestContext context, Integer httpStatus, int records, int responseTimeMs,
            String error) {
        Timer.builder("mdw.provider.requests")
                .description("HTTP attempts to the provider: latency by status (none when no answer came) and outcome")
                .tags("provider", PROVIDER, "timeframe", context.timeframe().code(),
                        "status", httpStatus == null ? "none" : httpStatus.toString(),
                        "outcome", error == null ? "success" : "error")
                .publishPercentileHistogram()
                .register(registry)
                .record(responseTimeMs, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void onRateLimitWait(PolygonClient.RequestContext context, Duration waited) {
        rateLimitWait.record(waited);
    }
}
