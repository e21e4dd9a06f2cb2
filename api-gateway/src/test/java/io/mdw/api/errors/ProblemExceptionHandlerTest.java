package io.mdw.api.errors;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;

import io.mdw.api.ApiTestSupport;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@Import(ProblemExceptionHandlerTest.LostDatabase.class)
@TestPropertySource(properties = "spring.quartz.scheduler-name=mdw-problem-handler-test")
class ProblemExceptionHandlerTest extends ApiTestSupport {

    /**
     * An endpoint whose database connection breaks, wrapped as LoadSubmissionService wraps the store's failures, and
     * two that read from a database that refuses connections (nothing listens on port 1), over R2DBC and over JDBC.
     */
    @RestController
    static class LostDatabase {
        private static final String NOBODY_LISTENS = "//postgres@127.0.0.1:1/warehouse";

        @GetMapping("/api/v1/test/refused-r2dbc")
        Mono<Integer> refusedOverR2dbc() {
            return DatabaseClient.create(ConnectionFactories.get("r2dbc:postgresql:" + NOBODY_LISTENS))
                    .sql("SELECT 1").mapValue(Integer.class).one();
        }

        private final DatabaseClient warehouse;

        LostDatabase(DatabaseClient warehouse) {
            this.warehouse = warehouse;
        }

        /** A statement that fails in PostgreSQL for a reason of its own (SQLSTATE P0001): a fault, not an outage. */
        @GetMapping("/api/v1/test/failing-statement")
        Mono<Void> failingStatement() {
            return warehouse.sql("DO $$ BEGIN RAISE EXCEPTION 'a fault of the statement'; END $$").then();
        }

        @GetMapping("/api/v1/test/refused-jdbc")
        Mono<Integer> refusedOverJdbc() {
            return Mono.fromCallable(() -> JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql:" + NOBODY_LISTENS))
                    .sql("SELECT 1").query(Integer.class).single());
        }

        @GetMapping("/api/v1/test/lost-database")
        Mono<String> lostDatabase() {
            return Mono.error(new IllegalStateException("the cluster's scheduler store failed", new IOException(
                    "An I/O error occurred while sending to the backend.", new SocketException("Broken pipe"))));
        }
    }

    /**
     * A database connection lost mid-request reads like a client gone ("Broken pipe"); while the client is still there
     * it is a server failure, answered 500, not an empty 200.
     */
    @Test
    void aDatabaseOutOfReachIsA503ToTryAgainLater() {
        for (String path : List.of("/api/v1/test/refused-r2dbc", "/api/v1/test/refused-jdbc")) {
            problem(request(HttpMethod.GET, path, null, null).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"),
                    503, "The warehouse database cannot be reached at the moment; try again shortly");
        }
    }

    /** The driver files most SQLSTATE classes as "resource" failures: a statement's own fault is still a 500. */
    @Test
    void aStatementThatFailsInTheDatabaseIsAServerFailureNotAnOutage() {
        problem(request(HttpMethod.GET, "/api/v1/test/failing-statement", null, null)
                .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER), 500, "The server failed to answer this request");
    }

    @Test
    void aBrokenDatabaseConnectionIsAServerFailureWhileTheClientIsStillThere() {
        problem(request(HttpMethod.GET, "/api/v1/test/lost-database", null, null), 500,
                "The server failed to answer this request");
    }
}
