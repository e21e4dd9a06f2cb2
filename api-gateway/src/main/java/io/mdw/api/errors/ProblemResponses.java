package io.mdw.api.errors;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mdw.api.web.Params;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem+json bodies. One writer for the exception handler, the security entry points and the
 * requests the HTTP server refuses before any handler, so that every error a client sees has the same shape
 * whatever produced it.
 */
@Component
public class ProblemResponses {

    /** The most of a client's input (a path, a malformed header) an answer quotes back: it is not echoed whole. */
    public static final int QUOTED_LENGTH = 200;

    private final JsonMapper jsonMapper;

    public ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange, status, detail, Map.of());
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail,
                            Map<String, Object> properties) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        // Read what is left of the request body first: an error answered before the client finished sending
        // must not leave unread bytes on a keep-alive connection (the next request on it would stall). A body that
        // did not arrive within the server's limit (io.mdw.api.web.RequestBodyDeadline) is the answer instead: the
        // client learns why its connection closes, whatever else was wrong with its request
        Mono<Void> drained = exchange.getRequest().getBody()
                .doOnNext(DataBufferUtils::release)
                .then()
                .onErrorResume(unread -> !ApiProblem.isRequestBodyTooSlow(unread), alreadyConsumed -> Mono.empty());
        return drained.then(answer(exchange, status, detail, properties))
                .onErrorResume(ApiProblem::isRequestBodyTooSlow,
                        late -> answer(exchange, HttpStatus.REQUEST_TIMEOUT, late.getMessage(), Map.of()));
    }

    /** Writes the problem once subscribed, unless the request has been answered meanwhile. */
    private Mono<Void> answer(ServerWebExchange exchange, HttpStatusCode status, String detail,
                              Map<String, Object> properties) {
        return Mono.defer(() -> {
            ServerHttpResponse response = exchange.getResponse();
            // asked once the body is read: a chunk of it that does not decode is answered by the HTTP server
            if (response.isCommitted() || answeredByTheHttpServer(response)) {
                return Mono.empty();
            }
            byte[] bytes = body(status, detail, exchange.getRequest().getPath().value(), properties);
            response.setStatusCode(status);
            setHeaders(response.getHeaders(), bytes.length);
            if (status.value() == HttpStatus.REQUEST_TIMEOUT.value()) {
                // the rest of the body may still come: the connection closes after this answer (RFC 9110, 15.5.9)
                response.getHeaders().setConnection("close");
            }
            return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
        });
    }

    /** The headers of a problem document of this many bytes; SecurityHeaders has set the security headers. */
    static void setHeaders(HttpHeaders headers, int length) {
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(length);
    }

    /**
     * Whether Reactor Netty answered the request itself, beneath Spring: it refuses a body it cannot decode (a broken
     * chunk) with a 400, which UnreadableRequestHandler turns into a problem, while the handler may still be running
     * or writing a problem of its own.
     */
    private static boolean answeredByTheHttpServer(ServerHttpResponse response) {
        return ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse server
                && server.hasSentHeaders();
    }

    /** The problem+json document itself; {@code instance} is left out when null (a request target that did not parse). */
    public byte[] body(HttpStatusCode status, String detail, String instance, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("title", known != null ? known.getReasonPhrase() : "Error");
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", Params.abbreviate(instance, QUOTED_LENGTH));
        }
        body.putAll(properties);
        return jsonMapper.writeValueAsBytes(body);
    }

    /** A server limit as details quote it: 64 KB, or bytes when not whole kilobytes. */
    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
