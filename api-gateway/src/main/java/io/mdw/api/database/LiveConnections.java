package io.mdw.api.database;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The pool's connections, none of them one the database has closed. After a restart or a failover of PostgreSQL every
 * pooled connection is closed; the pool finds that out when it hands one out (r2dbc-pool's validation), drops it and
 * fails the request. Here the next one is taken instead, at most once per pooled connection, so that no request fails
 * for a connection that died while idle. A database that cannot be reached still fails at once.
 */
final class LiveConnections implements ConnectionFactory, Wrapped<ConnectionFactory> {

    // what r2dbc-pool (1.0.x) fails an acquisition with when the connection it took is no longer usable
    private static final String VALIDATION_FAILED = "Connection validation failed";

    private final ConnectionFactory pool;
    // built once: every request's acquisition goes through it
    private final Retry replaceClosed;

    LiveConnections(ConnectionFactory pool, int poolSize) {
        this.pool = pool;
        this.replaceClosed = Retry.max(poolSize).filter(LiveConnections::foundClosed)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    @Override
    public Mono<Connection> create() {
        return Mono.<Connection>from(pool.create()).retryWhen(replaceClosed);
    }

    private static boolean foundClosed(Throwable failure) {
        return failure instanceof R2dbcNonTransientResourceException && VALIDATION_FAILED.equals(failure.getMessage());
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return pool.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return pool;
    }
}
