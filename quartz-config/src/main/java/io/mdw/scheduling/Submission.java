package io.mdw.scheduling;

/**
 * The answer to a submission: the id of the job that will do the work, and whether that job was already
 * queued or running (so nothing new was scheduled).
 */
public record Submission(String jobId, boolean existing) {
}
