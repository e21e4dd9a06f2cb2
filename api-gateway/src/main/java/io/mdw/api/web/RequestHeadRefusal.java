package io.mdw.api.web;

import java.util.List;
import java.util.regex.Pattern;

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
 * <li>a request target is a path ({@code /api/v1/status}), a URL, or {@code *} (RFC 9112, 3.2). Reactor Netty took
 * {@code evil.example/api/v1/status}, or {@code a%00b/api/v1/status}, for the path after its first slash, past
 * every check of the path as sent.</li>
 * <li>the version is HTTP/1.1 or 1.0: Reactor Netty answered {@code HTTP/9.9} as 1.1 (505, RFC 9110, 15.6.6).</li>
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
    /** The absolute form's start: a scheme, then "://" (RFC 3986, 3.1). */
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    private final ProblemResponses problems;

    RequestHeadRefusal(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpServerRequest netty = ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest server
                ? server : null;
        if (netty != null && !isRequestTarget(netty.uri())) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "The request target '"
                    + Params.abbreviate(netty.uri()) + "' is not a path; send it as the API"
                    + " lists it, starting with '/', such as /api/v1/historical/AAPL");
        }
        if (netty != null && !HttpVersion.HTTP_1_1.equals(netty.version())
                && !HttpVersion.HTTP_1_0.equals(netty.version())) {
            return problems.write(exchange, HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "This server speaks HTTP/1.1 (and"
                    + " 1.0); send the request as HTTP/1.1, not " + Params.abbreviate(netty.version().text()));
        }
        List<String> contentTypes = request.getHeaders().getOrEmpty(HttpHeaders.CONTENT_TYPE);
        if (contentTypes.size() > 1) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "Send one Content-Type header; this request has "
                    + contentTypes.size());
        }
        List<String> hosts = request.getHeaders().getOrEmpty(HttpHeaders.HOST);
        if (hosts.size() != 1 && netty != null && HttpVersion.HTTP_1_1.equals(netty.version())) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, hosts.isEmpty()
                    ? "An HTTP/1.1 request needs a Host header; send one, such as 'Host: localhost:8080'"
                    : "Send one Host header; this request has " + hosts.size());
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

    private static boolean isRequestTarget(String target) {
        return target.startsWith("/") || target.equals("*") || ABSOLUTE_FORM.matcher(target).find();
    }

}
