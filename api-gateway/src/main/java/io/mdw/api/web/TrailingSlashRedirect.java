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
 * method-preserving (308), so that a POST is sent again as a POST with its body. After the security filters: their
 * firewall has refused every path that is not plain ('//', '..', ';', encoded slashes), so that the redirect stays on
 * this API's paths ({@code //other.host/} would name another host), and a key is checked on the path as sent; after
 * the API's other refusals of a request, which a redirect would only put off; before the audit, which records what
 * was done, not a redirect.
 */
@Component
class TrailingSlashRedirect implements WebFilter, Ordered {

    private final WebFilter redirect = UrlHandlerFilter.trailingSlashHandler("/**")
            .redirect(HttpStatus.PERMANENT_REDIRECT).build();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return redirect.filter(exchange, chain);
    }

    @Override
    public int getOrder() {
        return ControlCharacterRefusal.ORDER + 1;
    }
}
