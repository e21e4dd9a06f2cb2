package io.mdw.api.status;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The old /api/v1/metrics: this API process's own request figures since it started, from Micrometer's
 * http.server.requests (the same series Prometheus scrapes at /actuator/prometheus, across all instances).
 */
@RestController
class ApiMetricsController {

    private final MeterRegistry registry;

    ApiMetricsController(MeterRegistry registry) {
        this.registry = registry;
    }

    @NullMarked
    record Requests(long total, Map<String, Long> byStatus, @Nullable BigDecimal avgResponseTimeMs,
                    BigDecimal maxResponseTimeMs) {
    }

    @NullMarked
    record ApiMetrics(Requests requests, long uptimeSeconds, Instant timestamp) {
    }

    @GetMapping("/api/v1/metrics")
    ApiMetrics metrics() {
        long total = 0;
        double totalMs = 0;
        double maxMs = 0;
        Map<String, Long> byStatus = new TreeMap<>();
        for (Timer timer : registry.find("http.server.requests").timers()) {
            long count = timer.count();
            total += count;
            totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
            maxMs = Math.max(maxMs, timer.max(TimeUnit.MILLISECONDS));
            String status = timer.getId().getTag("status");
            String statusClass = status == null || status.isEmpty() ? "unknown" : status.charAt(0) + "xx";
            byStatus.merge(statusClass, count, Long::sum);
        }
        BigDecimal avg = total == 0 ? null : BigDecimal.valueOf(totalMs / total).setScale(2, RoundingMode.HALF_UP);
        return new ApiMetrics(new Requests(total, byStatus, avg, BigDecimal.valueOf(maxMs).setScale(2, RoundingMode.HALF_UP)),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000, Instant.now());
    }
}
