package io.mdw.batch.source.polygon;

/**
 * The provider refused the request in a way that retrying will not fix (bad key, plan, bad request), or could not be
 * reached however often it was asked.
 */
public class ProviderException extends RuntimeException {

    public ProviderException(String message) {
        super(message);
    }

    /**
     * The last transient failure, once retrying has given up. It is kept as suppressed, not as the cause: a load's
     * failure is read back as its root cause's message (the job's reason, the API's job view), and this message, not
     * "ClosedChannelException", is the one written for the operator. Logs still print it.
     */
    static ProviderException afterAttempts(TransientProviderException last, int attempts) {
        ProviderException gaveUp = new ProviderException(last.getMessage() + " (after " + attempts
                + (attempts == 1 ? " attempt)" : " attempts)"));
        gaveUp.addSuppressed(last);
        return gaveUp;
    }
}
