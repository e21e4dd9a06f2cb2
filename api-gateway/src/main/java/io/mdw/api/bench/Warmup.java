package io.mdw.api.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a load warms up: at least {@code minimum}, then until the JIT has settled (under 50 ms of compiling in a
 * {@code window}), at most {@code maximum}. How long the JIT needs differs from machine to machine, and its compiling
 * while measured skews the figures.
 *
 * @param compiledMillis the JIT's total compilation time so far, or null when it is not known (then just the minimum)
 */
record Warmup(Duration minimum, Duration maximum, Duration window, LongSupplier compiledMillis) {

    static final long SETTLED_MILLIS = 50;

    /** With this JVM's JIT compilation time, looked at every 5 seconds. */
    static Warmup untilJitSettles(Duration minimum, Duration maximum) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean known = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new Warmup(minimum, maximum, Duration.ofSeconds(5), known ? jit::getTotalCompilationTime : null);
    }

    /** Waits out the warm-up of a load started at {@code startedAt} ({@link System#nanoTime()}); returns when it ended. */
    long waitFrom(long startedAt) throws InterruptedException {
        ClosedLoop.waitUntil(startedAt + minimum.toNanos());
        if (compiledMillis == null) {
            return System.nanoTime();
        }
        long latest = startedAt + maximum.toNanos();
        long compiled = compiledMillis.getAsLong();
        while (System.nanoTime() + window.toNanos() <= latest) {
            Thread.sleep(window.toMillis());
            long compiledNow = compiledMillis.getAsLong();
            if (compiledNow - compiled < SETTLED_MILLIS) {
                break;
            }
            compiled = compiledNow;
        }
        return System.nanoTime();
    }
}
