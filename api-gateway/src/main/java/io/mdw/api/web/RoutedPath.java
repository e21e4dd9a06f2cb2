package io.mdw.api.web;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's path as the router matches it: each segment percent-decoded, without matrix variables, so
 * {@code /api/v1/%61dmin/api-keys} is {@code /api/v1/admin/api-keys}. Every decision taken on a request's path before
 * it is routed (the key scope it needs, whether it is audited) is taken on this one, never on the path as sent: the
 * two would otherwise disagree on which endpoint the request reaches.
 */
public final class RoutedPath {

    private RoutedPath() {
    }

    public static String of(ServerWebExchange exchange) {
        StringBuilder path = new StringBuilder();
        for (PathContainer.Element element : exchange.getRequest().getPath().pathWithinApplication().elements()) {
            path.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
        }
        return path.toString();
    }
}
