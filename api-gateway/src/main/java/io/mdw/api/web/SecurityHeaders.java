package io.mdw.api.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The caching and security headers Spring Security writes by default, on every answer. Public reads without a key and
 * /health skip its filter chain (the hot path), so without this the same read carried them with a key and not
 * without. They are set before anything else runs, on the response itself: a decorated response costs the bar reads
 * a sixth of their rate ({@code mdw bench api}). Spring Security leaves them as they are, since they are present.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders implements WebFilter {

    /** Also set by the errors written beneath Spring, where no filter runs. */
    public static final Map<String, String> VALUES = values();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        VALUES.forEach(exchange.getResponse().getHeaders()::set);
        return chain.filter(exchange);
    }

    private static Map<String, String> values() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.put(HttpHeaders.PRAGMA, "no-cache");
        headers.put(HttpHeaders.EXPIRES, "0");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-XSS-Protection", "0");
        headers.put("Referrer-Policy", "no-referrer");
        return Collections.unmodifiableMap(headers);
    }
}
