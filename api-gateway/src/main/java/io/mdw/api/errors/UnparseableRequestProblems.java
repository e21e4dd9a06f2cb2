package io.mdw.api.errors;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request whose URI does not parse (e.g. "/api/v1/historical/%zz") never reaches Spring's handlers: the
 * Reactor Netty adapter answers 400 with an empty body. This gives that answer a problem+json body too.
 */
@Component
class UnparseableRequestProblems implements NettyServerCustomizer {

    private final JsonMapper jsonMapper;

    UnparseableRequestProblems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.mapHandle((handling, connection) -> handling.then(Mono.defer(() -> {
            if (connection instanceof HttpServerResponse response && connection instanceof HttpServerRequest request
                    && !response.hasSentHeaders() && response.status().equals(HttpResponseStatus.BAD_REQUEST)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "about:blank");
                body.put("title", "Bad Request");
                body.put("status", 400);
                body.put("detail", "The request URI is malformed (bad percent-encoding or characters); encode it per RFC 3986");
                body.put("instance", request.uri());
                byte[] bytes = jsonMapper.writeValueAsBytes(body);
                return response.header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                        .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(bytes.length))
                        .sendByteArray(Mono.just(bytes))
                        .then();
            }
            return Mono.empty();
        })));
    }
}
