package io.mdw.scheduling;

/**
 * The answer to a submission: the id of the job that will do the work, and whether that job was already
 * queued or running (so nothing new was scheduled).
 */
public record Submission(String jobId, boolean existing) {

    /**
     * True when nothing was scheduled because this very request (its id) had been submitted before, whatever became
     * of it since, rather than because another request for its series is queued or running.
     */
    public boolean repeats(LoadRequest request) {
        return existing && jobId.equals(request.requestId());
    }
}
