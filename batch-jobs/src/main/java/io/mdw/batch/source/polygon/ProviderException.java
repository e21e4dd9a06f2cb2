package io.mdw.batch.source.polygon;

/** The provider refused the request in a way that retrying will not fix (bad key, plan, bad request). */
public class ProviderException extends RuntimeException {

    public ProviderException(String message) {
        super(message);
    }
}
