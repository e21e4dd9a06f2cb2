package io.mdw.api.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A few slow requests cannot take the database from everyone else: with one connection, a statement limit of 4 s and
 * a wait for a connection of at most 2 s, each is cut off and answered 503, and the connection is free again for the
 * next request (a client that stops reading its answer: IdleConnectionsTest).
 */
@Import(DatabaseGuardsTest.SlowStatement.class)
// the wait for a connection is long enough for the first one to open on a busy machine (the key bootstrap's)
@TestPropertySource(properties = {"mdw.api.db-pool-size=1", "mdw.api.db-statement-timeout=4s",
        "mdw.api.db-acquire-timeout=2s",
        "spring.quartz.scheduler-name=mdw-database-guards-test"})
class DatabaseGuardsTest extends ApiTestSupport {

    private static final Duration RESTART_TO_NEXT_REQUEST = Duration.ofSeconds(1);

    /** A request that keeps PostgreSQL busy for as long as it is asked to, on the API's own connections. */
    @RestController
    static class SlowStatement {
        private final DatabaseClient db;

        SlowStatement(DatabaseClient db) {
            this.db = db;
        }

        @GetMapping("/api/v1/test/sleep")
        Mono<String> sleep(@RequestParam double seconds) {
            return db.sql("SELECT pg_sleep(:seconds)").bind("seconds", seconds).then().thenReturn("slept");
        }
    }

    @Test
    void aStatementPastTheTimeLimitIsStoppedAndAnswered503() {
        // the same request would run out of time again: no Retry-After
        problem(client.get().uri("/api/v1/test/sleep?seconds=30").exchange()
                .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER), 503,
                "The database took longer than the API allows one statement");
        client.get().uri("/api/v1/test/sleep?seconds=0").exchange().expectStatus().isOk();
    }

    @Test
    void aRequestThatFindsNoConnectionFreeInTimeIsAnswered503() throws Exception {
        CompletableFuture<Integer> holding = CompletableFuture.supplyAsync(() -> client.get()
                .uri("/api/v1/test/sleep?seconds=3.9").exchange().returnResult(String.class).getStatus().value());
        // once the API's only connection is asleep in PostgreSQL
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(%' AND state = 'active'",
                Long.class) == 1);

        problem(client.get().uri("/api/v1/test/sleep?seconds=0").exchange()
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), 503, "The warehouse is busy");
        assertThat(holding.get()).isEqualTo(200);
    }

    /** As after a restart or a failover of the database: the pooled connections are found closed and replaced. */
    @Test
    void connectionsTheDatabaseClosedAreReplacedWithoutFailingARequest() throws InterruptedException {
        client.get().uri("/api/v1/test/sleep?seconds=0").exchange().expectStatus().isOk();
        Integer ended = jdbc.queryForObject("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = 'r2dbc-postgresql' AND pid <> pg_backend_pid()""", Integer.class);
        assertThat(ended).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'r2dbc-postgresql'", Long.class) == 0);
        // The next request comes after the API has read the closed sockets. One sent in the very instant the database
        // closes them can reach a connection not yet seen closed, and is answered 503 (a busy machine once took 20 ms).
        Thread.sleep(RESTART_TO_NEXT_REQUEST.toMillis());
        for (int request = 0; request < 3; request++) {
            client.get().uri("/api/v1/test/sleep?seconds=0").exchange().expectStatus().isOk();
        }
    }

}
