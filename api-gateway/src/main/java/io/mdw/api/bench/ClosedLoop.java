package io.mdw.api.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A closed-loop load: each of the concurrent users sends its next request as soon as the previous one is answered,
 * through a warm-up ({@link Warmup}) and then a measured interval. Only answers that arrive within the measured
 * interval count.
 * The users are threads for a blocking client (JDBC) and chains of signals for a non-blocking one (HTTP), so that
 * no load generator spends the shared cores on waking threads that the other does not.
 */
final class ClosedLoop {

    /** One request, answered in full; throws when it failed. */
    @FunctionalInterface
    interface Request {
        void send() throws Exception;
    }

    private final long startedAt = System.nanoTime();
    private final Warmup warmup;
    // set when the warm-up ends; until then every answer is warm-up
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    private final Duration measured;
    private final DatabaseServerCpu server;
    private final List<User> users = new ArrayList<>();

    private ClosedLoop(int users, Warmup warmup, Duration measured, DatabaseServerCpu server) {
        this.warmup = warmup;
        this.measured = measured;
        this.server = server;
        for (int i = 0; i < users; i++) {
            this.users.add(new User());
        }
    }

    /** {@code users} threads, each sending a request and waiting for its answer. */
    static LoadFigures blocking(int users, Warmup warmup, Duration measured, DatabaseServerCpu server, Request request)
            throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(users, warmup, measured, server);
        List<Thread> threads = new ArrayList<>();
        for (User user : loop.users) {
            Thread thread = new Thread(() -> loop.sendUntilTheEnd(user, request), "mdw-bench-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        CpuUse cpu = loop.cpuOfMeasuredInterval();
        for (Thread thread : threads) {
            thread.join();
        }
        return loop.figures(cpu);
    }

    /** {@code users} chains of non-blocking requests, each subscribing to its next request when the last is answered. */
    static LoadFigures nonBlocking(int users, Warmup warmup, Duration measured, DatabaseServerCpu server,
                                   Supplier<Mono<Void>> request) throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(users, warmup, measured, server);
        Mono<Void> all = Flux.fromIterable(loop.users).flatMap(user -> loop.chain(user, request), users).then();
        var done = all.toFuture();
        CpuUse cpu = loop.cpuOfMeasuredInterval();
        done.join();
        return loop.figures(cpu);
    }

    private void sendUntilTheEnd(User user, Request request) {
        long sent;
        while ((sent = System.nanoTime()) < measureTo) {
            Exception failure = null;
            try {
                request.send();
            } catch (Exception e) {
                failure = e;
            }
            answered(user, sent, failure);
        }
    }

    private Mono<Void> chain(User user, Supplier<Mono<Void>> request) {
        return Mono.defer(() -> {
            long sent = System.nanoTime();
            return request.get()
                    .doOnSuccess(ignored -> answered(user, sent, null))
                    .onErrorResume(e -> {
                        answered(user, sent, e);
                        return Mono.empty();
                    });
        }).repeat(() -> System.nanoTime() < measureTo).then();
    }

    private void answered(User user, long sent, Throwable failure) {
        long done = System.nanoTime();
        if (done < measureFrom || done > measureTo) {
            return;
        }
        if (failure == null) {
            user.record(done - sent);
        } else if (user.errors++ == 0) {
            user.firstError = String.valueOf(failure.getMessage());
        }
    }

    /**
     * The CPU time used during the measured interval, by this JVM and by the database server (null when unknown), and
     * how long the warm-up before it took.
     */
    private record CpuUse(Duration jvm, Duration server, Duration warmedUp) {
    }

    private CpuUse cpuOfMeasuredInterval() throws InterruptedException {
        long from = System.nanoTime();
        try {
            from = warmup.waitFrom(startedAt);
        } finally {
            // set even when the wait failed, so that every user stops
            measureTo = from + measured.toNanos();
            measureFrom = from;
        }
        long jvmAtStart = jvmCpuNanos();
        Duration serverAtStart = server.used();
        waitUntil(measureTo);
        long jvmAtEnd = jvmCpuNanos();
        Duration serverAtEnd = server.used();
        return new CpuUse(Duration.ofNanos(jvmAtEnd - jvmAtStart),
                serverAtStart == null || serverAtEnd == null ? null : serverAtEnd.minus(serverAtStart),
                Duration.ofNanos(from - startedAt));
    }

    private LoadFigures figures(CpuUse cpu) {
        long[] latencies = new long[users.stream().mapToInt(user -> user.answered).sum()];
        int filled = 0;
        long errors = 0;
        String firstError = null;
        for (User user : users) {
            System.arraycopy(user.latencies, 0, latencies, filled, user.answered);
            filled += user.answered;
            errors += user.errors;
            if (firstError == null) {
                firstError = user.firstError;
            }
        }
        Arrays.sort(latencies);
        return new LoadFigures(errors, measured, latencies, cpu.jvm(), cpu.server(), cpu.warmedUp(), firstError);
    }

    static void waitUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The CPU time this JVM has used so far. */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One concurrent user's answers; only that user's requests touch it, one after the other. */
    private static final class User {
        private long[] latencies = new long[1024];
        private int answered;
        private long errors;
        private String firstError;

        void record(long latency) {
            if (answered == latencies.length) {
                latencies = Arrays.copyOf(latencies, answered * 2);
            }
            latencies[answered++] = latency;
        }
    }
}
