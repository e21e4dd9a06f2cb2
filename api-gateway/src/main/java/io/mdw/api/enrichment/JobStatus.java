package io.mdw.api.enrichment;

import java.util.Set;

/** The API's job states, from Spring Batch's BatchStatus (and Quartz for jobs not started yet). */
public enum JobStatus {
    QUEUED, IN_PROGRESS, COMPLETED, FAILED;

    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    public static JobStatus fromBatchStatus(String batchStatus) {
        if (RUNNING.contains(batchStatus)) {
            return IN_PROGRESS;
        }
        return "COMPLETED".equals(batchStatus) ? COMPLETED : FAILED;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
