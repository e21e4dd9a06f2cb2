package io.mdw.scheduling;

import static org.quartz.impl.jdbcjobstore.Constants.STATE_ACQUIRED;
import static org.quartz.impl.jdbcjobstore.Constants.STATE_BLOCKED;
import static org.quartz.impl.jdbcjobstore.Constants.STATE_PAUSED;
import static org.quartz.impl.jdbcjobstore.Constants.STATE_PAUSED_BLOCKED;
import static org.quartz.impl.jdbcjobstore.Constants.STATE_WAITING;

import java.util.List;

/**
 * The one-shot triggers of load jobs as QRTZ_TRIGGERS holds them. Whoever reads the queue of loads from that table
 * (the submission check, {@code mdw jobs}, the API's jobs list and scheduler health) uses these, so that all agree.
 */
public final class LoadTriggers {

    /** The Quartz group of the load jobs and of their triggers. */
    public static final String GROUP = "load";

    /**
     * The trigger states of a queued load: submitted, not fired yet, and due to run. WAITING and ACQUIRED: waiting for
     * a node, or taken by one that has not fired it yet. BLOCKED: waiting for the job's previous run to end (a load
     * job never runs twice at once). PAUSED and PAUSED_BLOCKED: an operator paused it; it still runs once resumed, so
     * it is still queued and still holds its series against a duplicate submission. Not COMPLETE (fired: the run is
     * then in QRTZ_FIRED_TRIGGERS and in Spring Batch) nor ERROR (Quartz gave up on it; only a resubmission runs it).
     */
    public static final List<String> QUEUED_STATES =
            List.of(STATE_WAITING, STATE_ACQUIRED, STATE_BLOCKED, STATE_PAUSED, STATE_PAUSED_BLOCKED);

    private LoadTriggers() {
    }
}
