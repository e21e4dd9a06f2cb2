package io.mdw.scheduling;

import java.util.Locale;
import java.util.Set;

/**
 * A load's state as users see it ({@code mdw jobs}, the API): from Spring Batch's BatchStatus of its latest run, and
 * queued while the cluster's queue holds it ({@link LoadRecords}); also a partition's, from its step's BatchStatus.
 */
public enum LoadStatus {
    QUEUED, IN_PROGRESS, COMPLETED, FAILED;

    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    /** STOPPED, ABANDONED and UNKNOWN are failed: the run ended without loading everything. */
    public static LoadStatus ofBatchStatus(String batchStatus) {
        if (RUNNING.contains(batchStatus)) {
            return IN_PROGRESS;
        }
        return "COMPLETED".equals(batchStatus) ? COMPLETED : FAILED;
    }

    /**
     * A partition's: one STARTING is made but waits for one of its node's workers (MDW_BATCH_CONCURRENCY) to begin it,
     * so it is queued.
     */
    public static LoadStatus ofPartitionBatchStatus(String batchStatus) {
        return "STARTING".equals(batchStatus) ? QUEUED : ofBatchStatus(batchStatus);
    }

    /** The API's spelling: "in_progress". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
