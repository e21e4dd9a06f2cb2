package io.mdw.batch.source.polygon;

/**
 * A fetch that stopped waiting to retry the provider, or did not retry, because its load was stopped: no fault of the
 * provider's, and no failure of the load, which ends stopped and resumes from its last committed chunk when restarted.
 * The failure it would have retried is kept as suppressed, not as the cause, as {@link ProviderException} keeps it: a
 * partition's outcome is read back as its root cause's message, which is this one.
 */
public class RetryStoppedException extends RuntimeException {

    RetryStoppedException(String message, RuntimeException lastFailure) {
        super(message);
        if (lastFailure != null) {
            addSuppressed(lastFailure);
        }
    }
}
