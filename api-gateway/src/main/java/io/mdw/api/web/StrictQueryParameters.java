package io.mdw.api.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.mdw.api.errors.ApiProblem;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Query parameters are read as sent, like request bodies ({@link StrictJsonBodies}): one the endpoint does not take
 * is refused, naming the ones it takes, since a misspelt parameter ({@code timefame=5m}) would otherwise leave its
 * default in place without the caller knowing; and one that takes a single value is refused when given twice, rather
 * than have one of the values count, and so is one given without a value ({@code limit=}), which Spring would take as
 * not given. An endpoint's parameters are its handler's {@code @RequestParam}s.
 */
@Configuration(proxyBeanMethods = false)
class StrictQueryParameters {

    @Bean
    WebFluxRegistrations strictQueryParameterMapping() {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new Mapping();
            }
        };
    }

    private static final class Mapping extends RequestMappingHandlerMapping {

        private final Map<Method, Accepted> accepted = new ConcurrentHashMap<>();

        @Override
        protected void handleMatch(RequestMappingInfo info, HandlerMethod handler, ServerWebExchange exchange) {
            // checked before the match is recorded in the exchange, so that a refused request has no handler (the
            // audit then leaves its query out)
            try {
                accepted.computeIfAbsent(handler.getMethod(), method -> Accepted.of(handler))
                        .check(exchange.getRequest().getQueryParams());
            } catch (ApiProblem refused) {
                // yet it counts under its route in the metrics (http_server_requests' uri), not as UNKNOWN: the route
                // Spring would have recorded, the best of the matched patterns
                Set<PathPattern> patterns = info.getPatternsCondition().getPatterns();
                if (!patterns.isEmpty()) {
                    String route = patterns.iterator().next().getPatternString();
                    ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                            .ifPresent(context -> context.setPathPattern(route));
                }
                throw refused;
            }
            super.handleMatch(info, handler, exchange);
        }
    }

    /**
     * The query parameters of a handler: their names, which take several values, and which Spring would read as not
     * given when given empty (a default value, or a type other than text).
     */
    private record Accepted(List<String> names, List<String> repeatable, List<String> emptyIsAbsent, boolean any) {

        static Accepted of(HandlerMethod handler) {
            // the API's own endpoints; the documentation's handlers keep theirs
            if (!handler.getBeanType().getPackageName().startsWith("io.mdw.api")) {
                return new Accepted(List.of(), List.of(), List.of(), true);
            }
            List<MethodParameter> parameters = Arrays.stream(handler.getMethodParameters())
                    .filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                    .toList();
            boolean any = parameters.stream().anyMatch(parameter -> Map.class.isAssignableFrom(parameter.getParameterType()));
            List<MethodParameter> repeatable = parameters.stream()
                    .filter(parameter -> Collection.class.isAssignableFrom(parameter.getParameterType())
                            || parameter.getParameterType().isArray())
                    .toList();
            // a list keeps an empty value as one of its values, for its handler to explain
            List<MethodParameter> emptyIsAbsent = parameters.stream()
                    .filter(parameter -> !repeatable.contains(parameter))
                    .filter(parameter -> !ValueConstants.DEFAULT_NONE.equals(
                            Objects.requireNonNull(parameter.getParameterAnnotation(RequestParam.class)).defaultValue())
                            || !CharSequence.class.isAssignableFrom(parameter.getParameterType()))
                    .toList();
            return new Accepted(parameters.stream().map(Accepted::name).toList(),
                    repeatable.stream().map(Accepted::name).toList(), emptyIsAbsent.stream().map(Accepted::name).toList(),
                    any);
        }

        private static String name(MethodParameter parameter) {
            RequestParam annotation = Objects.requireNonNull(parameter.getParameterAnnotation(RequestParam.class));
            return annotation.name().isEmpty() ? parameter.getParameterName() : annotation.name();
        }

        void check(MultiValueMap<String, String> query) {
            if (any) {
                return;
            }
            query.forEach((name, values) -> {
                if (!names.contains(name)) {
                    throw ApiProblem.badRequest("Unknown parameter '" + Params.abbreviate(name) + "'; "
                            + (names.isEmpty() ? "this endpoint takes no query parameters"
                            : "this endpoint takes " + String.join(", ", names)));
                }
                if (values.size() > 1 && !repeatable.contains(name)) {
                    throw ApiProblem.badRequest("Parameter '" + name + "' is given " + values.size()
                            + " times; give it once");
                }
                // Spring would take it as not given: its default (limit= as the default limit), unseen; an empty text
                // is the handler's to explain (timeframe= lists the timeframes)
                if (emptyIsAbsent.contains(name) && values.stream().anyMatch(value -> value == null || value.isBlank())) {
                    throw ApiProblem.badRequest("Parameter '" + name + "' is given without a value; give one or leave"
                            + " the parameter out for its default");
                }
            });
        }
    }
}
