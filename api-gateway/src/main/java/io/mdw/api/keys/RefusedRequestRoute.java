package io.mdw.api.keys;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request refused for its key (401, 403) is refused before any route is matched, so the request metrics
 * (http_server_requests' uri) would count it as UNKNOWN. This looks up the route it would have reached, as the
 * dispatcher does, and records it in the request's observation; only refused requests pay for the lookup. The
 * lookup's marks on the exchange (the handler, the path's variables) are undone: for the audit of a refused attempt
 * the request reached no handler, so its query string, which may hold anything, is left out.
 */
@Component
class RefusedRequestRoute {

    private static final Logger log = LoggerFactory.getLogger(RefusedRequestRoute.class);

    private final ObjectProvider<HandlerMapping> mappings;

    RefusedRequestRoute(ObjectProvider<HandlerMapping> mappings) {
        this.mappings = mappings;
    }

    Mono<Void> record(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Map<String, Object> attributesBefore = new HashMap<>(exchange.getAttributes());
            return lookUp(exchange).then(Mono.fromRunnable(() -> {
                exchange.getAttributes().clear();
                exchange.getAttributes().putAll(attributesBefore);
            }));
        });
    }

    private Mono<Void> lookUp(ServerWebExchange exchange) {
        // a mapping that matches records its route in the request's observation itself, as it does for the dispatcher
        return Flux.fromStream(mappings::orderedStream)
                .concatMap(mapping -> mapping.getHandler(exchange))
                .next()
                // a route that refuses the request's query records itself (StrictQueryParameters); the answer is the
                // key's refusal whatever the lookup finds, so its failure only leaves the request counted as UNKNOWN
                .onErrorResume(failure -> {
                    log.debug("No route recorded for the refused request {}: {}", exchange.getRequest().getPath(),
                            failure.toString());
                    return Mono.empty();
                })
                .then();
    }
}
