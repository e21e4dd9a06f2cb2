package io.mdw.api.keys;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdw.api.web.RoutedPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every admin and trigger request made with a key, with its outcome and what it asked for, just before the
 * answer is sent (so the entry exists by the time the client sees the response). As a filter it runs after Spring
 * Security, for the requests it let through; Security's refusals of a known key (its scope too narrow, or the key
 * revoked or paused) are recorded through {@link #auditAs} by SecurityConfig. A request with no key or an unknown one
 * has nobody to record.
 */
@Component
public class AuditWebFilter implements WebFilter {

    /** Set by handlers acting on a key that the path does not name (creation). */
    static final String TARGET_KEY_ATTRIBUTE = AuditWebFilter.class.getName() + ".targetKey";
    /** Set by handlers acting on a load job that the path does not name (a trigger): its job id. */
    public static final String TARGET_JOB_ATTRIBUTE = AuditWebFilter.class.getName() + ".targetJob";
    /**
     * Set by handlers to the body they read, as parsed: recorded as compact JSON, so only the fields the handler knows.
     * Never set it to a body holding a secret.
     */
    public static final String REQUEST_BODY_ATTRIBUTE = AuditWebFilter.class.getName() + ".requestBody";

    /** Has an admin or trigger handler's body, as it read it, recorded in the request's audit entry: what it changed. */
    public static void auditBody(ServerWebExchange exchange, Object body) {
        if (body != null) {
            exchange.getAttributes().put(REQUEST_BODY_ATTRIBUTE, body);
        }
    }

    /** Enough for a trigger of the most symbols a request may name; a longer summary is cut. */
    private static final int MAX_REQUEST_SUMMARY = 2_000;

    private static final Logger log = LoggerFactory.getLogger(AuditWebFilter.class);

    private final ApiKeyRepository keys;
    private final JsonMapper jsonMapper;
    private final String operatorKey;

    AuditWebFilter(ApiKeyRepository keys, JsonMapper jsonMapper, AdminKeySettings adminKey) {
        this.keys = keys;
        this.operatorKey = adminKey.adminApiKey();
        // the fields the request gave, not those it left out
        this.jsonMapper = jsonMapper.rebuild().changeDefaultPropertyInclusion(
                inclusion -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)).build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return auditWhenAnswered(exchange).then(chain.filter(exchange));
    }

    /**
     * Once subscribed, has an admin or trigger request made with an authenticated key recorded as its answer is sent.
     * Also called for a request refused for its key's scope (403), which never reaches this filter.
     */
    Mono<Void> auditWhenAnswered(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(ApiKeyAuthentication.class::isInstance)
                .doOnNext(principal -> auditAs(exchange, ((ApiKeyAuthentication) principal).getPrincipal()))
                .then();
    }

    /**
     * Has an admin or trigger request recorded as this key's when its answer is sent; also for a key that was refused
     * as revoked or paused (401): who tried, with what.
     */
    void auditAs(ServerWebExchange exchange, ApiKeyPrincipal actor) {
        String path = RoutedPath.of(exchange);
        if (SecurityConfig.requiredScope(path, exchange.getRequest().getMethod()) != Scope.READ
                && !path.startsWith("/actuator")) {
            exchange.getResponse().beforeCommit(() -> record(exchange, actor));
        }
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
        return Mono.fromCallable(() -> requestSummary(exchange))
                .flatMap(summary -> keys.audit(actor, action, request.getMethod().name(), path,
                        status == null ? 200 : status.value(), remoteAddress, targetKey(exchange), targetJob(exchange),
                        summary.isEmpty() ? null : summary))
                .onErrorResume(e -> {
                    log.error("Could not audit {} by key {}", action, actor.id(), e);
                    return Mono.empty();
                });
    }

    /**
     * The query string as sent, then the body the handler read; empty when the request had neither. The query string
     * only of a request that reached its handler: one refused before (a parameter the endpoint does not take, see
     * io.mdw.api.web.StrictQueryParameters) could hold anything, a key pasted into the URL among others. A key pasted
     * into a value the endpoint takes (?symbol=mdw_...) is kept as its preview, and MDW_ADMIN_API_KEY's as "(not shown)".
     */
    private String requestSummary(ServerWebExchange exchange) {
        Object body = exchange.getAttribute(REQUEST_BODY_ATTRIBUTE);
        boolean handled = exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) != null;
        String given = Stream.of(handled ? exchange.getRequest().getURI().getRawQuery() : null,
                        body == null ? null : jsonMapper.writeValueAsString(body))
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        String summary = KeyMaterial.withKeysAsPreviews(given, operatorKey);
        return summary.length() <= MAX_REQUEST_SUMMARY ? summary : summary.substring(0, MAX_REQUEST_SUMMARY) + "…";
    }

    private static String targetJob(ServerWebExchange exchange) {
        String named = exchange.getAttribute(TARGET_JOB_ATTRIBUTE);
        if (named != null) {
            return named;
        }
        Map<String, String> variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? null : variables.get("jobId");
    }

    private static Long targetKey(ServerWebExchange exchange) {
        Long created = exchange.getAttribute(TARGET_KEY_ATTRIBUTE);
        if (created != null) {
            return created;
        }
        String path = RoutedPath.of(exchange);
        Map<String, String> variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (path.startsWith("/api/v1/admin/api-keys/") && variables != null && variables.containsKey("id")) {
            return ApiKey.parseId(variables.get("id")).orElse(null);
        }
        return null;
    }
}
