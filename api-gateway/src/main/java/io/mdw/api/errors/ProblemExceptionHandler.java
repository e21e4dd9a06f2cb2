package io.mdw.api.errors;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import reactor.core.publisher.Mono;

/**
 * Turns every exception that leaves a handler, the router or a filter into problem+json:
 * the framework's 400/404/405/406/415 as well as the API's own refusals. Runs before Boot's
 * default error handler so nothing reaches the client in another shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses problems;

    public ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof ApiProblem problem) {
            Map<String, Object> extra = problem.existingJobId() == null
                    ? Map.of() : Map.of("job_id", problem.existingJobId());
            return problems.write(exchange, problem.status(), problem.getMessage(), extra);
        }
        if (ex instanceof ServerWebInputException input) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, describeInputError(input));
        }
        if (ex instanceof NoResourceFoundException) {
            String path = exchange.getRequest().getPath().value();
            // a request target such as '*' or 'symbols' has no path at all
            String where = path.isEmpty() ? "No endpoint for a request target without a path (it must start with '/')"
                    : "No endpoint at " + path;
            return problems.write(exchange, HttpStatus.NOT_FOUND, where
                    + "; the API is described at /v3/api-docs and /swagger-ui.html");
        }
        if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
            copyHeaders(unsupported.getHeaders(), exchange.getResponse().getHeaders());
            return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type "
                    + (unsupported.getContentType() == null ? "(none)" : "'" + unsupported.getContentType() + "'")
                    + " is not supported here; send application/json");
        }
        if (ex instanceof ErrorResponse error) {
            copyHeaders(error.getHeaders(), exchange.getResponse().getHeaders());
            String detail = error.getBody().getDetail();
            if (detail == null && ex instanceof ResponseStatusException rse) {
                detail = rse.getReason();
            }
            return problems.write(exchange, error.getStatusCode(), detail == null ? ex.getMessage() : detail);
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The server failed to answer this request; the error has been logged");
    }

    private static String describeInputError(ServerWebInputException input) {
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName()
                    : input.getMethodParameter() != null ? input.getMethodParameter().getParameterName() : "parameter";
            String expected = mismatch.getRequiredType() == null ? "another type"
                    : describeType(mismatch.getRequiredType());
            return "Invalid value '" + mismatch.getValue() + "' for '" + name + "': expected " + expected;
        }
        if (cause instanceof DecodingException decoding) {
            return "Malformed request body: " + firstLine(decoding.getMessage());
        }
        if (input.getReason() != null && input.getReason().startsWith("No request body")) {
            return "A JSON request body is required (Content-Type: application/json)";
        }
        return input.getReason();
    }

    private static String describeType(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "it could not be read";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void copyHeaders(HttpHeaders from, HttpHeaders to) {
        from.forEach((name, values) -> to.put(name, values));
    }
}
