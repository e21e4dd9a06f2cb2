package io.mdw.batch.node;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch node serves the Actuator only (./mdw node, on MANAGEMENT_SERVER_PORT), and answers its errors as the API
 * does: RFC 9457 problem+json with a detail that says what to do. Boot's own error answer said only "Not Found", and
 * the Actuator answers a health group or a metric it does not have with an empty 404.
 */
@Component
class ActuatorErrorAnswers implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(ActuatorErrorAnswers.class);

    private final JsonMapper jsonMapper;
    private final String listsTheOperationalEndpoints;

    ActuatorErrorAnswers(JsonMapper jsonMapper,
                         @Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        this.jsonMapper = jsonMapper;
        this.listsTheOperationalEndpoints = "GET " + actuatorBasePath + " lists the operational endpoints";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        ServerHttpResponse bodilessErrorsExplained = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isCommitted()) {
                    return super.setComplete();
                }
                return write(getDelegate(), status, status.value() == HttpStatus.NOT_FOUND.value()
                        ? "Nothing is served at " + path + "; " + listsTheOperationalEndpoints
                        : "The request to " + path + " was answered " + status.value() + " " + title(status), path);
            }
        };
        return chain.filter(exchange.mutate().response(bodilessErrorsExplained).build())
                // a client gone has nobody to answer: left to Boot's handler, which lets it go quietly
                .onErrorResume(failure -> !exchange.getResponse().isCommitted()
                        && !DisconnectedClientHelper.isClientDisconnectedException(failure),
                        failure -> explain(exchange, failure));
    }

    private Mono<Void> explain(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        String path = exchange.getRequest().getPath().value();
        if (failure instanceof NoResourceFoundException) {
            return write(response, HttpStatus.NOT_FOUND, "No endpoint at " + path + "; " + listsTheOperationalEndpoints,
                    path);
        }
        if (failure instanceof ErrorResponse error) {
            // the Allow of a 405, the Accept of a 406
            response.getHeaders().putAll(error.getHeaders());
            String detail = error.getBody().getDetail();
            return write(response, error.getStatusCode(), detail == null ? failure.getMessage() : detail, path);
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), path, failure);
        return write(response, HttpStatus.INTERNAL_SERVER_ERROR,
                "The node failed to answer this request; the error is in its log", path);
    }

    private Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, String detail, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", path);
        byte[] bytes = jsonMapper.writeValueAsBytes(problem);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
