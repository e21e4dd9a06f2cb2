package io.mdw.api.errors;

import java.util.List;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The API started with the Actuator on a port of its own (MANAGEMENT_SERVER_PORT): an unknown path there is told where
 * the Actuator lists its endpoints, not where the API is described, which that port does not serve.
 */
@TestPropertySource(properties = {"management.server.port=0", "spring.quartz.scheduler-name=mdw-management-port-test"})
class ManagementPortProblemsTest extends ApiTestSupport {

    @LocalManagementPort
    int managementPort;

    @Test
    void anUnknownPathOnTheManagementPortPointsToTheActuatorsListing() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        for (String path : List.of("/no-such-path", "/actuator/no-such-endpoint", "/v3/api-docs")) {
            problem(management.get().uri(path).header("X-API-Key", ADMIN_KEY).exchange(), 404,
                    "No endpoint at " + path + "; GET /actuator lists the operational endpoints");
        }
        problem(management.get().uri("/no-such-path").exchange(), 404,
                "No endpoint at /no-such-path; GET /actuator lists the operational endpoints");
        management.get().uri("/actuator").header("X-API-Key", ADMIN_KEY).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.parseMediaType("application/vnd.spring-boot.actuator.v3+json"));
    }

    @Test
    void anUnknownPathOnTheApiPortStillPointsToTheApisDescription() {
        problem(client.get().uri("/no-such-path").exchange(), 404,
                "No endpoint at /no-such-path; the API is described at /v3/api-docs and /swagger-ui.html");
    }
}
