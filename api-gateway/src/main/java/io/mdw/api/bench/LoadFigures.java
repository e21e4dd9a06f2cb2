package io.mdw.api.bench;

import java.time.Duration;

/**
 * What one measured interval gave: answers, failures, the latency of each answer in nanoseconds (sorted), the CPU
 * time used meanwhile by this JVM (load generator included) and by the database server ({@code serverCpu}, null when
 * it cannot be read from here), and how long the warm-up before it took.
 */
record LoadFigures(long errors, Duration elapsed, long[] sortedLatencies, Duration jvmCpu, Duration serverCpu,
                   Duration warmedUp, String firstError) {

    long requests() {
        return sortedLatencies.length;
    }

    double requestsPerSecond() {
        return requests() / (elapsed.toNanos() / 1e9);
    }

    double jvmCpuMillisPerRequest() {
        return millisPerRequest(jvmCpu);
    }

    /** NaN when the server's CPU time is unknown. */
    double serverCpuMillisPerRequest() {
        return serverCpu == null ? Double.NaN : millisPerRequest(serverCpu);
    }

    private double millisPerRequest(Duration cpu) {
        return cpu.toNanos() / 1e6 / Math.max(requests(), 1);
    }

    double p50Millis() {
        return percentileMillis(50);
    }

    double p99Millis() {
        return percentileMillis(99);
    }

    /** Nearest rank: the smallest latency that at least {@code percentile}% of the answers did not exceed. */
    private double percentileMillis(double percentile) {
        if (sortedLatencies.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedLatencies.length);
        return sortedLatencies[Math.max(rank, 1) - 1] / 1e6;
    }
}
