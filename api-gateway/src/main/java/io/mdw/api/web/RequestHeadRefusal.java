package io.mdw.api.web;

import java.util.List;

import io.mdw.api.errors.ProblemResponses;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Request heads that Reactor Netty takes and the API refuses:
 * <ul>
 * <li>an HTTP/1.1 request names its host in exactly one Host header (RFC 9112, section 3.2, which makes the 400 a
 * must). Reactor Netty checks the value of a Host header, not whether there is one, or one only: without this, a
 * request without Host was answered as if sent to this machine, and of two Host headers the first counted;</li>
 * <li>a request body comes uncompressed. Nothing here decodes a Content-Encoding: a gzipped body was read as JSON
 * gone wrong, and a coding the JSON reader happened to read was ignored. 415, with the codings taken (RFC 9110,
 * 15.5.16).</li>
 * <li>the one expectation met is {@code 100-continue}. Reactor Netty answers that one and ignored any other, going
 * on as if the client's condition held: 417 now (RFC 9110, 10.1.1).</li>
 * <li>one Content-Type: of two, the first counted.</li>
 * </ul>
 */
@Component
@Order(RequestHeadRefusal.ORDER)
class RequestHeadRefusal implements WebFilter {

    /** Right after Spring Security's filter chain (-100), whose firewall refuses what is not a plain request target. */
    static final int ORDER = -99;

    private static final String IDENTITY = "identity";
    private static final String CONTINUE = "100-continue";

    private final ProblemResponses problems;

    RequestHeadRefusal(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> hosts = request.getHeaders().getOrEmpty(HttpHeaders.HOST);
        if (hosts.size() != 1 && isHttp11(request)) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, hosts.isEmpty()
                    ? "An HTTP/1.1 request needs a Host header; send one, such as 'Host: localhost:8080'"
                    : "Send one Host header; this request has " + hosts.size());
        }
        List<String> contentTypes = request.getHeaders().getOrEmpty(HttpHeaders.CONTENT_TYPE);
        if (contentTypes.size() > 1) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "Send one Content-Type header; this request has "
                    + contentTypes.size());
        }
        List<String> codings = request.getHeaders().getValuesAsList(HttpHeaders.CONTENT_ENCODING);
        if (codings.stream().anyMatch(coding -> !IDENTITY.equalsIgnoreCase(coding))) {
            String contentEncoding = String.join(", ", codings);
            exchange.getResponse().getHeaders().set(HttpHeaders.ACCEPT_ENCODING, IDENTITY);
            return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body has Content-Encoding '"
                    + Params.abbreviate(contentEncoding) + "'; send the body uncompressed (no Content-Encoding)");
        }
        List<String> expectations = request.getHeaders().getValuesAsList(HttpHeaders.EXPECT);
        if (expectations.stream().anyMatch(expectation -> !CONTINUE.equalsIgnoreCase(expectation))) {
            return problems.write(exchange, HttpStatus.EXPECTATION_FAILED, "This server meets no expectation but '"
                    + CONTINUE + "'; send the request without 'Expect: "
                    + Params.abbreviate(String.join(", ", expectations)) + "'");
        }
        return chain.filter(exchange);
    }

    private static boolean isHttp11(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof HttpServerRequest netty && HttpVersion.HTTP_1_1.equals(netty.version());
    }
}
