package io.mdw.batch.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /**
     * A few latency buckets for Spring Batch's chunk writes, so dashboards can show percentiles; few, because the
     * timer is tagged per partition (symbol × timeframe).
     */
    @Bean
    MeterFilter chunkWriteBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("spring.batch.chunk.write")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(seconds(0.05), seconds(0.1), seconds(0.25), seconds(0.5), seconds(1),
                                seconds(2.5), seconds(5), seconds(10))
                        .build()
                        .merge(config);
            }
        };
    }

    private static double seconds(double s) {
        return Duration.ofMillis((long) (s * 1000)).toNanos();
    }

    /** Turns on the periodic refresh of the staleness gauges on a batch node. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @EnableScheduling
    static class StalenessRefreshScheduling {
    }
}
