package io.mdw.api.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.reactive.UrlHandlerFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A path with a trailing slash ({@code /api/v1/symbols/}) is redirected to the path without it, query kept, as the old
 * service did (FastAPI's redirect_slashes), so that its consumers that wrote one keep working. Permanent and
 * method-preserving (308), so that a POST is sent again as a POST with its body; before the security filters, so that
 * the redirected request is the one whose key is checked and whose action is audited.
 */
@Component
class TrailingSlashRedirect implements WebFilter, Ordered {

    // Spring Security's filter chain runs at -100 (WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER)
    private static final int BEFORE_SECURITY = -101;

    private final WebFilter redirect = UrlHandlerFilter.trailingSlashHandler("/**")
            .redirect(HttpStatus.PERMANENT_REDIRECT).build();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return redirect.filter(exchange, chain);
    }

    @Override
    public int getOrder() {
        return BEFORE_SECURITY;
    }
}
