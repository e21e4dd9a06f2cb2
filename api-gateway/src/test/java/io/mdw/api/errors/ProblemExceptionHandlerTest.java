package io.mdw.api.errors;

import java.io.IOException;
import java.net.SocketException;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@Import(ProblemExceptionHandlerTest.LostDatabase.class)
@TestPropertySource(properties = "spring.quartz.scheduler-name=mdw-problem-handler-test")
class ProblemExceptionHandlerTest extends ApiTestSupport {

    /** An endpoint whose database connection breaks, wrapped as LoadSubmissionService wraps the store's failures. */
    @RestController
    static class LostDatabase {
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
    void aBrokenDatabaseConnectionIsAServerFailureWhileTheClientIsStillThere() {
        problem(request(HttpMethod.GET, "/api/v1/test/lost-database", null, null), 500,
                "The server failed to answer this request");
    }
}
