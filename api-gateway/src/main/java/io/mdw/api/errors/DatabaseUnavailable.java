package io.mdw.api.errors;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Why the database could not answer a request, when it is a state the client can wait out rather than a fault of the
 * request or of the server: out of reach (stopped, restarting, refusing connections, a connection lost), every
 * connection busy, or a statement stopped at the API's time limit.
 */
final class DatabaseUnavailable {

    /** SQLSTATE class 08, connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** SQLSTATE query_canceled: PostgreSQL's statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    private DatabaseUnavailable() {
    }

    /** What to tell the client, or null when the failure is none of these. */
    static String detailOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())
                    || cause instanceof QueryTimeoutException) {
                return "The database took longer than the API allows one statement (MDW_API_DB_STATEMENT_TIMEOUT); ask"
                        + " for a shorter range, or a page of it with 'limit', or try again when the warehouse is less busy";
            }
            if (cause instanceof R2dbcTimeoutException) {
                return "The warehouse is busy: no database connection came free in time (MDW_API_DB_ACQUIRE_TIMEOUT);"
                        + " try again shortly";
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof R2dbcNonTransientResourceException
                    || cause instanceof R2dbcTransientResourceException || cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return "The warehouse database cannot be reached at the moment; try again shortly (GET /health says"
                        + " when it is back)";
            }
        }
        return null;
    }
}
