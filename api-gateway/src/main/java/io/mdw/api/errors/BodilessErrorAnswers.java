package io.mdw.api.errors;

import java.util.Map;

import io.mdw.api.web.RoutedPath;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * An error the Actuator answers without a body gets a problem too: it answers an unknown health group
 * ({@code /actuator/health/db}) with a bare 404, which no handler of the API's sees as an error. Only the Actuator's
 * answers are decorated: a decorated response cost the bar reads about a sixth of their rate ({@code mdw bench api}).
 */
@Component
class BodilessErrorAnswers implements WebFilter {

    static final String ACTUATOR_BASE_PATH = "${management.endpoints.web.base-path:/actuator}";

    private final ProblemResponses problems;
    private final String actuatorBasePath;
    private final String actuatorPaths;

    BodilessErrorAnswers(ProblemResponses problems, @Value(ACTUATOR_BASE_PATH) String actuatorBasePath) {
        this.problems = problems;
        this.actuatorBasePath = actuatorBasePath;
        this.actuatorPaths = actuatorBasePath + "/";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!RoutedPath.of(exchange).startsWith(actuatorPaths)) {
            return chain.filter(exchange);
        }
        ServerHttpResponse withProblems = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isCommitted()) {
                    return super.setComplete();
                }
                byte[] problem = problems.body(status, detail(status, path), path, Map.of());
                ProblemResponses.setHeaders(getHeaders(), problem.length);
                return writeWith(Mono.just(bufferFactory().wrap(problem)));
            }
        };
        return chain.filter(exchange.mutate().response(withProblems).build());
    }

    private String detail(HttpStatusCode status, String path) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "Nothing is served at " + path + "; " + listsTheOperationalEndpoints(actuatorBasePath);
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return "The request to " + path + " was answered " + status.value()
                + (known == null ? "" : " " + known.getReasonPhrase());
    }

    /** Where a client that asked the Actuator for what it does not serve finds what it does. */
    static String listsTheOperationalEndpoints(String actuatorBasePath) {
        return "GET " + actuatorBasePath + " lists the operational endpoints";
    }
}
