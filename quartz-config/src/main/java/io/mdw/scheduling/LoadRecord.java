package io.mdw.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * One load as {@link LoadRecords} reads it: what it loads, its state and, once a node has run it, its latest run.
 *
 * @param timeframes     the timeframe codes
 * @param from           the window's start as stored with the request (an ISO instant)
 * @param createdAt      when its first run was created (a restart or a recovery keeps it), or, never run, when it was
 *                       queued
 * @param queuedAt       while it is queued: when it was (a restart: when it was queued again); else null
 * @param error          why its latest run did not complete (kept while it is queued again), else null
 * @param jobInstanceId  its Spring Batch job instance, null until a node runs it; so are the run's fields below
 * @param runs           how many times it ran (a restart runs it again)
 */
public record LoadRecord(String requestId, LoadStatus status, List<String> symbols, List<String> timeframes,
        String from, String to, String source, Instant createdAt, Instant startedAt, Instant endedAt,
        Instant queuedAt, String error, Long jobInstanceId, Long jobExecutionId, String batchStatus, int runs) {

    /** The partitions it has, one per series (symbol × timeframe), whether or not a run has made them yet. */
    public int partitions() {
        return symbols.size() * timeframes.size();
    }

    /** When it was queued while it is, else when it last started or, never started, was created: lists go newest first. */
    public Instant latest() {
        return queuedAt != null ? queuedAt : startedAt != null ? startedAt : createdAt;
    }
}
