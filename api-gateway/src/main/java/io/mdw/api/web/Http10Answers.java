package io.mdw.api.web;

import io.netty.handler.codec.http.HttpVersion;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An answer to an HTTP/1.0 request is never chunked: HTTP/1.0 has no transfer codings, and RFC 9112 (6.1) forbids
 * sending one to it. Reactor Netty chunks every answer of unknown length (CSV, NDJSON), whatever the request's
 * version; to HTTP/1.0 such an answer is sent as it is, uncompressed (Netty compresses an answer in chunks), and
 * Reactor Netty ends it by closing the connection, saying so in Connection: close. An answer of known length keeps
 * its Content-Length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Http10Answers implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof HttpServerRequest request
                && HttpVersion.HTTP_1_0.equals(request.version())
                && ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse()) instanceof HttpServerResponse response) {
            response.chunkedTransfer(false).compression(false);
        }
        return chain.filter(exchange);
    }
}
