package io.mdw.api.keys;

import java.util.List;
import java.util.regex.Pattern;

import io.mdw.api.errors.ProblemResponses;
import io.mdw.api.web.RoutedPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Stateless X-API-Key authentication. A key is looked up on every request, so revoking it takes effect
 * at once. A wrong or revoked key is refused even on public endpoints: the caller should know.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

    static final String HEADER = "X-API-Key";
    private static final String TRIGGER = "/api/v1/enrichment/trigger";
    private static final String RESTART = "/api/v1/enrichment/jobs/*/restart";
    /** With a trailing slash too: the redirect to the path without it comes after the key is checked. */
    private static final String[] TRIGGER_PATHS = {TRIGGER, TRIGGER + "/", RESTART, RESTART + "/"};
    /** Open whatever MDW_API_PUBLIC_READS says: health, the API's description, and what Prometheus scrapes. */
    private static final String HEALTH = "/health";
    static final List<String> ALWAYS_PUBLIC = List.of(HEALTH, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/webjars/**", "/actuator/health/**", "/actuator/health", "/actuator/prometheus");
    private static final Pattern RESTART_PATH = Pattern.compile("/api/v1/enrichment/jobs/[^/]+/restart");

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ApiKeyRepository keys,
                                               ProblemResponses problems, ApiProperties properties,
                                               RefusedRequestRoute routes, AuditWebFilter audit) {
        AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(authenticationManager(keys));
        apiKeys.setServerAuthenticationConverter(exchange -> {
            List<String> presented = exchange.getRequest().getHeaders().getOrEmpty(HEADER);
            // which of two keys counts would be a guess: one with the scope, one without
            return presented.size() > 1
                    ? Mono.error(new BadCredentialsException("Send one " + HEADER + " header; this request has "
                            + presented.size()))
                    : Mono.justOrEmpty(presented.isEmpty() ? null : presented.get(0)).map(ApiKeyAuthentication::presented);
        });
        // the messages are this class's own (see authenticationManager), written for the key's holder
        apiKeys.setAuthenticationFailureHandler((filterExchange, e) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            if (e instanceof RefusedKey refused) {
                audit.auditAs(exchange, refused.key());
            }
            return routes.record(exchange)
                    .then(Mono.defer(() -> problems.write(exchange, HttpStatus.UNAUTHORIZED, e.getMessage())));
        });
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .securityMatcher(exchange -> skipsSecurity(exchange, properties)
                        ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((exchange, e) -> routes.record(exchange)
                                .then(Mono.defer(() -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                        "This endpoint needs an API key with scope '" + requiredScope(exchange).code()
                                                + "' in the " + HEADER + " header"))))
                        .accessDeniedHandler((exchange, e) -> audit.auditWhenAnswered(exchange)
                                .then(routes.record(exchange))
                                .then(Mono.defer(() -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                        "This API key lacks the scope '" + requiredScope(exchange).code()
                                                + "' this endpoint needs")))))
                .authorizeExchange(rules -> {
                    rules.pathMatchers("/api/v1/admin", "/api/v1/admin/**").hasAuthority(Scope.ADMIN.authority())
                            .pathMatchers(HttpMethod.POST, TRIGGER_PATHS).hasAuthority(Scope.TRIGGER.authority())
                            // other methods there reach the router, which answers 405 Method Not Allowed, key or not
                            .pathMatchers(TRIGGER_PATHS).permitAll()
                            .pathMatchers(ALWAYS_PUBLIC.toArray(String[]::new)).permitAll()
                            .pathMatchers("/actuator/**").hasAuthority(Scope.ADMIN.authority());
                    if (properties.publicReads()) {
                        rules.anyExchange().permitAll();
                    } else {
                        rules.anyExchange().hasAuthority(Scope.READ.authority());
                    }
                })
                .build();
    }

    /** A key that exists but may not be used (revoked or paused): its holder is known, and the attempt audited. */
    private static final class RefusedKey extends BadCredentialsException {

        private final transient ApiKeyPrincipal key;

        RefusedKey(ApiKeyPrincipal key, String message) {
            super(message);
            this.key = key;
        }

        ApiKeyPrincipal key() {
            return key;
        }
    }

    /** Keeps Boot from creating an in-memory user with a generated password: keys are the only identities. */
    @Bean
    ReactiveUserDetailsService noUsers() {
        return username -> Mono.empty();
    }

    private static ReactiveAuthenticationManager authenticationManager(ApiKeyRepository keys) {
        return authentication -> {
            String presented = ((ApiKeyAuthentication) authentication).presentedKey();
            BadCredentialsException unknown = new BadCredentialsException("The " + HEADER + " header holds an unknown"
                    + " key; an admin creates keys with POST /api/v1/admin/api-keys or ./mdw keys create");
            if (presented == null || presented.isBlank() || presented.length() > 200) {
                return Mono.error(unknown);
            }
            return keys.findByHash(KeyMaterial.hash(presented.trim()))
                    .switchIfEmpty(Mono.error(unknown))
                    .flatMap(key -> {
                        long id = key.principal().id();
                        if (key.revoked()) {
                            return Mono.error(new RefusedKey(key.principal(), "API key " + id + " is revoked, for"
                                    + " good; an admin creates a new one with POST /api/v1/admin/api-keys"));
                        }
                        if (!key.active()) {
                            return Mono.error(new RefusedKey(key.principal(), "API key " + id + " is paused; an admin"
                                    + " resumes it with PUT /api/v1/admin/api-keys/" + id + " {\"active\": true}"));
                        }
                        return Mono.just(ApiKeyAuthentication.of(key.principal()));
                    });
        };
    }

    /**
     * Requests that skip the security filters altogether. Public reads without a key: nothing there to check, and they
     * are the hot path (with a key they go through, so a wrong or revoked key is still refused). And health, which
     * reads no key at all: a probe, or a client session that sends its key with every request, gets it whatever the
     * key, also while the database, where keys are looked up, is down (the very state it reports).
     */
    private static boolean skipsSecurity(ServerWebExchange exchange, ApiProperties properties) {
        String path = RoutedPath.of(exchange);
        return HEALTH.equals(path) || properties.publicReads()
                && !exchange.getRequest().getHeaders().containsHeader(HEADER)
                && requiredScope(path, exchange.getRequest().getMethod()) == Scope.READ;
    }

    static Scope requiredScope(ServerWebExchange exchange) {
        return requiredScope(RoutedPath.of(exchange), exchange.getRequest().getMethod());
    }

    /** The scope a request needs: only a POST triggers or restarts, other methods there need no more than a read. */
    static Scope requiredScope(String path, HttpMethod method) {
        Scope scope = requiredScope(path);
        return scope == Scope.TRIGGER && method != HttpMethod.POST ? Scope.READ : scope;
    }

    static Scope requiredScope(String path) {
        if (path.startsWith("/api/v1/admin") || path.startsWith("/actuator")) {
            return Scope.ADMIN;
        }
        String withoutTrailingSlash = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (withoutTrailingSlash.equals(TRIGGER) || RESTART_PATH.matcher(withoutTrailingSlash).matches()) {
            return Scope.TRIGGER;
        }
        return Scope.READ;
    }
}
