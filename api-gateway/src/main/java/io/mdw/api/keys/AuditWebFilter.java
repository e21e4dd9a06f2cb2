package io.mdw.api.keys;

import java.net.InetSocketAddress;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records every admin and trigger request made with a key, with its outcome, just before the answer is sent
 * (so the entry exists by the time the client sees the response). Runs after Spring Security, which has
 * already refused requests without a valid key.
 */
@Component
class AuditWebFilter implements WebFilter {

    /** Set by handlers acting on a key that the path does not name (creation). */
    static final String TARGET_KEY_ATTRIBUTE = AuditWebFilter.class.getName() + ".targetKey";

    private static final Logger log = LoggerFactory.getLogger(AuditWebFilter.class);

    private final ApiKeyRepository keys;

    AuditWebFilter(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (SecurityConfig.requiredScope(exchange) == Scope.READ || exchange.getRequest().getPath().value().startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(ApiKeyAuthentication.class::isInstance)
                .map(principal -> ((ApiKeyAuthentication) principal).getPrincipal())
                .doOnNext(actor -> exchange.getResponse().beforeCommit(() -> record(exchange, actor)))
                .then(chain.filter(exchange));
    }

    private Mono<Void> record(ServerWebExchange exchange, ApiKeyPrincipal actor) {
        var request = exchange.getRequest();
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = request.getPath().value();
        String action = request.getMethod().name() + " " + (pattern != null ? pattern : path);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        InetSocketAddress remote = request.getRemoteAddress();
        String remoteAddress = remote == null ? null
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        return keys.audit(actor, action, request.getMethod().name(), path, status == null ? 200 : status.value(),
                        remoteAddress, targetKey(exchange))
                .onErrorResume(e -> {
                    log.error("Could not audit {} by key {}", action, actor.id(), e);
                    return Mono.empty();
                });
    }

    private static Long targetKey(ServerWebExchange exchange) {
        Long created = exchange.getAttribute(TARGET_KEY_ATTRIBUTE);
        if (created != null) {
            return created;
        }
        String path = exchange.getRequest().getPath().value();
        Map<String, String> variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (path.startsWith("/api/v1/admin/api-keys/") && variables != null && variables.containsKey("id")) {
            try {
                return Long.valueOf(variables.get("id"));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
