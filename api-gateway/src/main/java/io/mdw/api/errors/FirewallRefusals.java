package io.mdw.api.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mdw.api.web.Params;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Requests Spring Security's firewall refuses before any handler (encoded slashes, '..' segments, control characters,
 * methods such as TRACE) get a problem that says what to send instead. The firewall's own message says only what it
 * refused and echoes header values, API keys included, so it is read for what kind of refusal it is (by its fixed
 * opening, before any client text) and not passed on.
 */
@Component
class FirewallRefusals implements ServerExchangeRejectedHandler {

    // the methods of the API's endpoints (no endpoint takes PATCH, which the firewall lets through to a 405 of its own)
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    private static final String PLAIN_PATH = "send the path as the API lists it, such as /api/v1/historical/AAPL";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{0,40})");

    private final ProblemResponses problems;

    FirewallRefusals(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException refused) {
        String message = refused.getMessage() == null ? "" : refused.getMessage();
        if (message.startsWith("The request was rejected because the HTTP method")) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOWED_METHODS);
            return problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "Method '"
                    + Params.abbreviate(exchange.getRequest().getMethod().name()) + "' is not supported; this API answers "
                    + ALLOWED_METHODS);
        }
        return problems.write(exchange, HttpStatus.BAD_REQUEST, detail(message));
    }

    static String detail(String message) {
        if (message.startsWith("The request was rejected because the URL contained a potentially malicious String")) {
            return "The request target holds '" + firstQuoted(message) + "', which this API refuses (encoded slashes or"
                    + " percent signs, backslashes, ';', '//', control characters); " + PLAIN_PATH;
        }
        if (message.startsWith("The request was rejected because the URL was not normalized")) {
            return "The path has '.', '..' or empty segments; " + PLAIN_PATH;
        }
        if (message.startsWith("The request was rejected because the header")) {
            return "The header '" + firstQuoted(message).trim() + "' holds characters this API refuses: header names"
                    + " and values are printable ASCII";
        }
        if (message.startsWith("The request was rejected because the parameter")) {
            return "The query parameter '" + firstQuoted(message).trim() + "' holds characters this API refuses: percent-encode"
                    + " them, and leave out control characters";
        }
        return "The request was refused: send header names and values in printable ASCII and " + PLAIN_PATH;
    }

    private static String firstQuoted(String message) {
        Matcher quoted = QUOTED.matcher(message);
        return quoted.find() ? quoted.group(1) : "";
    }
}
