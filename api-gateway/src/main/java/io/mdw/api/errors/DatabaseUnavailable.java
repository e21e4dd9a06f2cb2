package io.mdw.api.errors;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Why the database could not answer a request, when it is a state the client can wait out rather than a fault of the
 * request, the schema or the configuration: out of reach (stopped, restarting, refusing connections, a connection
 * lost), every connection busy, or a statement stopped at the API's time limit. A failure PostgreSQL gave a SQLSTATE
 * is judged by it alone: the driver files most classes (a schema error, a wrong password) as "resource" failures.
 */
final class DatabaseUnavailable {

    /** Connection exception (08), insufficient resources (53), the server shutting down or starting (57P01-57P03). */
    private static final List<String> UNAVAILABLE_STATES = List.of("08", "53", "57P01", "57P02", "57P03");
    /** SQLSTATE query_canceled: PostgreSQL's statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    /** Whether to tell the client to try again after a moment: not for a statement that ran out of time. */
    record Answer(String detail, boolean retryLater) {
    }

    private DatabaseUnavailable() {
    }

    /** What to tell the client, or null when the failure is none of these. */
    static Answer of(Throwable failure) {
        String sqlState = sqlStateIn(failure);
        if (QUERY_CANCELED.equals(sqlState) || has(failure, QueryTimeoutException.class)) {
            return new Answer("The database took longer than the API allows one statement (MDW_API_DB_STATEMENT_TIMEOUT);"
                    + " ask for less, such as a shorter range or a page of it with 'limit'", false);
        }
        if (sqlState != null) {
            return UNAVAILABLE_STATES.stream().anyMatch(sqlState::startsWith) ? unreachable() : null;
        }
        if (has(failure, R2dbcTimeoutException.class)) {
            return new Answer("The warehouse is busy: no database connection came free in time; try again shortly",
                    true);
        }
        return has(failure, DataAccessResourceFailureException.class) || has(failure, R2dbcNonTransientResourceException.class)
                || has(failure, R2dbcTransientResourceException.class)
                || has(failure, SQLTransientConnectionException.class) || has(failure, ConnectException.class)
                ? unreachable() : null;
    }

    private static Answer unreachable() {
        return new Answer("The warehouse database cannot be reached at the moment; try again shortly (GET /health"
                + " says when it is back)", true);
    }

    private static String sqlStateIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = cause instanceof R2dbcException r2dbc ? r2dbc.getSqlState()
                    : cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
