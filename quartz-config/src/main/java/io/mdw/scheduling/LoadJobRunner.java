package io.mdw.scheduling;

import java.util.Optional;

/** Runs one load request; the batch node implements it by launching (or restarting) the Spring Batch job. */
public interface LoadJobRunner {

    /** The Spring Batch job a load runs as: what the submission check and the API look its executions up by. */
    String BATCH_JOB = "loadBars";
    /** The name of its partitioned step, which names each partition's step execution ({@link PartitionName}). */
    String PARTITION_STEP = "loadSeries";
    /**
     * In a partition step's execution context: the start, in epoch milliseconds, of the last bar the partition has
     * accepted and written (absent until it writes one): where a restarted step seeds its features from, and the API's
     * progress.
     */
    String LAST_ACCEPTED = "series.lastAccepted";
    /**
     * In a partition step's execution context, carried over to its restarts: the bars it has stored, the items it has
     * rejected and the bars of a file it skipped as outside the window, in committed chunks. They are what it read
     * and wrote: Spring Batch's own counts also hold the items of a chunk that rolled back, and its write count the
     * rejects the writer keeps. Withdrawn are the bars stored from an earlier answer that the provider's answer no
     * longer holds, taken out of the warehouse (and kept in rejected_bars).
     */
    String BARS_STORED = "load.stored";
    String ITEMS_REJECTED = "load.rejected";
    String BARS_SKIPPED = "load.skipped";
    String BARS_WITHDRAWN = "load.withdrawn";

    /** How a run ended that did not throw (an unexpected failure, or a load that ran and failed, is thrown). */
    enum Outcome {
        /** The load completed, in this run or an earlier one. */
        DONE,
        /** The load stopped after a committed chunk because this node shuts down: it is queued to resume elsewhere. */
        STOPPED_BY_SHUTDOWN,
        /**
         * This node could not start the load for a reason an operator fixes (a setting it lacks): the runner recorded
         * the load failed with the reason and logged it; a restart runs it.
         */
        NOT_STARTED
    }

    /**
     * @param recovering true when a node died while running this request and this node took it over
     */
    Outcome run(LoadRequest request, boolean recovering) throws Exception;

    /**
     * Why this node cannot load from the provider (its API key is not set, say) and how to enable it, or empty when it
     * can. The nightly load, which loads from the provider only, queues nothing then: every load would fail.
     */
    Optional<String> providerUnavailable();
}
