package io.mdw.api.errors;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a failure is the warehouse database being out of reach (stopped, restarting, refusing connections, a
 * connection lost to it): a state the client can wait out, unlike a fault of the request or of the server.
 */
final class DatabaseOutOfReach {

    /** SQLSTATE class 08, connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";

    private DatabaseOutOfReach() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof R2dbcNonTransientResourceException
                    || cause instanceof R2dbcTransientResourceException || cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }
}
