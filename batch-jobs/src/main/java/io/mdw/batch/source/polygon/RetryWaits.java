package io.mdw.batch.source.polygon;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fetches of the loads running here, by job execution, so that stopping a load ends its fetches' waits to retry the
 * provider at once, however long the wait (a backoff, a Retry-After, an open circuit breaker): the retry's wait is a
 * sleep, which its thread's interrupt ends. A thread is interrupted only while it waits to retry, never in an HTTP call,
 * a database write or the rest of its chunk, and the interrupt is cleared before its fetch ends: a chunk-oriented step
 * whose thread is interrupted at a chunk's end ends COMPLETED, the rest of its bars unread. A stopped load's fetch still
 * makes its first attempt at a page (a load stops after its current chunk, which may need it), but not a retry.
 */
public final class RetryWaits {

    /** The running loads that can be stopped, guarded by this. */
    private final Map<Long, Load> loads = new HashMap<>();

    /** The load's fetches can be stopped from now until {@link #ended}. */
    public synchronized void started(long jobExecutionId) {
        loads.putIfAbsent(jobExecutionId, new Load());
    }

    public synchronized void ended(long jobExecutionId) {
        loads.remove(jobExecutionId);
    }

    /** Ends the load's waits to retry now; none of its fetches retries from now on. A load not running here: nothing. */
    public synchronized void stop(long jobExecutionId) {
        Load load = loads.get(jobExecutionId);
        if (load != null) {
            load.stopped = true;
            load.fetches.forEach(Fetch::stop);
        }
    }

    /** A fetch on the calling thread, for a load (null, or a load not running here: one nothing stops). */
    synchronized Fetch fetch(Long jobExecutionId) {
        Load load = jobExecutionId == null ? null : loads.get(jobExecutionId);
        Fetch fetch = new Fetch(load);
        if (load != null) {
            load.fetches.add(fetch);
            if (load.stopped) {
                fetch.stop();
            }
        }
        return fetch;
    }

    private synchronized void forget(Fetch fetch) {
        if (fetch.load != null) {
            fetch.load.fetches.remove(fetch);
        }
    }

    private static final class Load {
        private boolean stopped;
        private final Set<Fetch> fetches = new HashSet<>();
    }

    /** One fetch of a page, attempt after attempt, on one thread; closed when it returns or throws. */
    final class Fetch implements AutoCloseable {

        private final Load load;
        private final Thread thread = Thread.currentThread();
        // guarded by this
        private boolean stopped;
        private boolean waiting;
        private boolean interrupted;

        private Fetch(Load load) {
            this.load = load;
        }

        private synchronized void stop() {
            stopped = true;
            if (waiting && !interrupted) {
                interrupted = true;
                thread.interrupt();
            }
        }

        /** Before an attempt: false when it must not be made, a retry of a stopped load. */
        synchronized boolean attempting(boolean retry) {
            waiting = false;
            return !(stopped && retry);
        }

        /** After a failed attempt, before the retry's wait: false when the load was stopped, which waits no more. */
        synchronized boolean waitingToRetry() {
            waiting = !stopped;
            return waiting;
        }

        /** Whether the load was stopped while this fetch ran. */
        synchronized boolean stopped() {
            return stopped;
        }

        @Override
        public void close() {
            synchronized (this) {
                waiting = false;
                if (interrupted) {
                    // ours, whether the wait took it (the retry sets it again) or it came after: cleared
                    Thread.interrupted();
                }
            }
            forget(this);
        }
    }
}
