package io.mdw.batch.source.polygon;

import java.time.Duration;

/** A failure worth retrying: rate limit, server error, timeout or a truncated body. */
public class TransientProviderException extends RuntimeException {

    private final Duration retryAfter;
    private final boolean rateLimited;

    public TransientProviderException(String message, Duration retryAfter, Throwable cause, boolean rateLimited) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.rateLimited = rateLimited;
    }

    /** What the provider asked us to wait (Retry-After), or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** A 429: the provider is fine, we asked too often; it does not count against the circuit breaker. */
    public boolean rateLimited() {
        return rateLimited;
    }
}
