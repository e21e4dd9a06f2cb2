package io.mdw.scheduling;

import java.time.Instant;

/**
 * A load request waiting for a node.
 *
 * @param queuedAt when it was submitted, or queued again (a restart)
 */
public record QueuedLoad(LoadRequest request, Instant queuedAt) {
}
