package io.mdw.api.web;

import java.util.List;

import io.mdw.api.errors.ProblemResponses;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * An HTTP/1.1 request names its host in exactly one Host header (RFC 9112, section 3.2, which makes the 400 a must).
 * Reactor Netty checks the value of a Host header, not whether there is one, or one only: without this, a request
 * without Host was answered as if sent to this machine, and of two Host headers the first counted.
 */
@Component
class HostHeaderRequired implements WebFilter {

    private final ProblemResponses problems;

    HostHeaderRequired(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> hosts = request.getHeaders().getOrEmpty(HttpHeaders.HOST);
        if (hosts.size() == 1 || !isHttp11(request)) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, HttpStatus.BAD_REQUEST, hosts.isEmpty()
                ? "An HTTP/1.1 request needs a Host header; send one, such as 'Host: localhost:8080'"
                : "Send one Host header; this request has " + hosts.size());
    }

    private static boolean isHttp11(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof HttpServerRequest netty && HttpVersion.HTTP_1_1.equals(netty.version());
    }
}
