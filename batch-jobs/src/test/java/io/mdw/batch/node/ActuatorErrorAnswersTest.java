package io.mdw.batch.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The node's Actuator server over HTTP, as a client that asks it for what it does not serve sees it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.quartz.scheduler-name=mdw-actuator-errors-test")
class ActuatorErrorAnswersTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("mdw.db.url", TestWarehouse::newDatabaseUrl);
    }

    @LocalServerPort
    int port;

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("GET", "/no-such-path", "*/*", 404,
                        "No endpoint at /no-such-path; GET /actuator lists the operational endpoints"),
                Arguments.of("GET", "/actuator/no-such-endpoint", "*/*", 404,
                        "No endpoint at /actuator/no-such-endpoint; GET /actuator lists the operational endpoints"),
                Arguments.of("GET", "/actuator/health/no-such-group", "*/*", 404,
                        "Nothing is served at /actuator/health/no-such-group; GET /actuator lists the operational endpoints"),
                Arguments.of("GET", "/actuator/metrics/no.such.metric", "*/*", 404,
                        "Nothing is served at /actuator/metrics/no.such.metric; GET /actuator lists the operational endpoints"),
                Arguments.of("POST", "/actuator/health", "*/*", 405, "Supported methods: [GET]"),
                Arguments.of("GET", "/actuator/health", "text/html", 406, "Acceptable representations: ["));
    }

    @ParameterizedTest(name = "{0} {1} (Accept: {2})")
    @MethodSource("errors")
    void anErrorIsAProblemWhoseDetailSaysWhatToDo(String method, String path, String accept, int status, String detail)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, accept);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).startsWith(detail);
        assertThat(problem.get("instance").stringValue()).isEqualTo(path);
    }

    @Test
    void whatTheNodeServesIsAnsweredAsBefore() throws IOException, InterruptedException {
        HttpResponse<String> health = send("GET", "/actuator/health", "*/*");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/vnd.spring-boot.actuator.v3+json");
        HttpResponse<String> metrics = send("GET", "/actuator/prometheus", "*/*");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> send(String method, String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
