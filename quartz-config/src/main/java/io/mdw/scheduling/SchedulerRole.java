package io.mdw.scheduling;

/** What a process does with the cluster's scheduler (property {@code mdw.scheduler.role}). */
public enum SchedulerRole {
    /** A batch node: runs the scheduler, executes jobs, recovers dead nodes' jobs, owns the nightly trigger. */
    NODE,
    /** The API or the CLI: writes jobs to the cluster's store, never executes one. */
    SUBMITTER
}
