package io.mdw.api.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A closed-loop load: each worker thread sends its next request as soon as the previous one is answered,
 * through a warm-up and then a measured interval. Only answers that arrive within the measured interval count.
 */
final class ClosedLoop {

    /** One request, answered in full; throws when it failed. */
    @FunctionalInterface
    interface Request {
        void send() throws Exception;
    }

    private ClosedLoop() {
    }

    static LoadFigures run(int workers, Duration warmup, Duration measured, Request request) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        List<Worker> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Worker worker = new Worker(request, measureFrom, measureTo);
            Thread thread = new Thread(worker, "mdw-bench-" + i);
            thread.setDaemon(true);
            all.add(worker);
            threads.add(thread);
            thread.start();
        }
        long cpuAtStart = cpuTimeAt(measureFrom);
        long cpu = cpuTimeAt(measureTo) - cpuAtStart;
        for (Thread thread : threads) {
            thread.join();
        }
        long[] latencies = new long[all.stream().mapToInt(worker -> worker.answered).sum()];
        int filled = 0;
        long errors = 0;
        String firstError = null;
        for (Worker worker : all) {
            System.arraycopy(worker.latencies, 0, latencies, filled, worker.answered);
            filled += worker.answered;
            errors += worker.errors;
            if (firstError == null) {
                firstError = worker.firstError;
            }
        }
        Arrays.sort(latencies);
        return new LoadFigures(errors, measured, latencies, Duration.ofNanos(cpu), firstError);
    }

    /** The CPU time this JVM has used, read when {@code nanoTime} is reached. */
    private static long cpuTimeAt(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static final class Worker implements Runnable {

        private final Request request;
        private final long measureFrom;
        private final long measureTo;
        private long[] latencies = new long[1024];
        private int answered;
        private long errors;
        private String firstError;

        Worker(Request request, long measureFrom, long measureTo) {
            this.request = request;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
        }

        @Override
        public void run() {
            long sent;
            while ((sent = System.nanoTime()) < measureTo) {
                Exception failure = null;
                try {
                    request.send();
                } catch (Exception e) {
                    failure = e;
                }
                long done = System.nanoTime();
                if (done < measureFrom || done > measureTo) {
                    continue;
                }
                if (failure == null) {
                    record(done - sent);
                } else {
                    errors++;
                    if (firstError == null) {
                        firstError = String.valueOf(failure.getMessage());
                    }
                }
            }
        }

        private void record(long latency) {
            if (answered == latencies.length) {
                latencies = Arrays.copyOf(latencies, answered * 2);
            }
            latencies[answered++] = latency;
        }
    }
}
