package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * application/problem+json is the type of the API's errors, never of its data: a read that asks for it alone is
 * refused with a 406 naming what the endpoint serves, while one that also accepts JSON gets JSON.
 */
class ConcreteJsonMediaTypesTest extends ApiTestSupport {

    private static final String SYMBOL = "X:ACCEPTUSD";

    static Stream<String> reads() {
        return Stream.of("/api/v1/symbols", "/api/v1/symbols/detailed", "/api/v1/status", "/health",
                "/api/v1/enrichment/metrics", "/api/v1/admin/symbols", "/v3/api-docs",
                "/api/v1/historical/" + SYMBOL + "?start=2023-03-13&end=2023-03-14",
                "/api/v1/bars?symbols=" + SYMBOL + "&start=2023-03-13&end=2023-03-14");
    }

    @BeforeEach
    void oneDailyBar() {
        oneDailyBar(SYMBOL);
    }

    @ParameterizedTest
    @MethodSource("reads")
    void aReadAskedForProblemJsonAloneIsNotAcceptable(String path) {
        JsonNode problem = problem(client.get().uri(path).header("X-API-Key", ADMIN_KEY)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_PROBLEM_JSON_VALUE).exchange(), 406,
                "Acceptable representations: [application/json");
        assertThat(problem.get("detail").stringValue()).doesNotContain("+json");
    }

    @ParameterizedTest
    @MethodSource("reads")
    void aReadThatAlsoAcceptsJsonGetsJson(String path) {
        for (String accept : List.of("application/json, application/problem+json",
                "application/problem+json, application/json", "application/*+json")) {
            client.get().uri(path).header("X-API-Key", ADMIN_KEY).header(HttpHeaders.ACCEPT, accept).exchange()
                    .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON);
        }
    }

    @Test
    void theActuatorStillAnswersInItsOwnJsonTypes() {
        MediaType actuatorJson = MediaType.parseMediaType("application/vnd.spring-boot.actuator.v3+json");
        for (String accept : List.of(actuatorJson.toString(), MediaType.ALL_VALUE)) {
            client.get().uri("/actuator/health").header(HttpHeaders.ACCEPT, accept).exchange()
                    .expectStatus().isOk().expectHeader().contentType(actuatorJson);
        }
        client.get().uri("/actuator/metrics").header("X-API-Key", ADMIN_KEY)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON);
    }

    @Test
    void anErrorAskedForAsProblemJsonIsOne() {
        problem(client.get().uri("/api/v1/no-such-path").header(HttpHeaders.ACCEPT, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .exchange(), 404, "No endpoint at /api/v1/no-such-path");
    }
}
