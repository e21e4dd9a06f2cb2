package io.mdw.api.web;

import java.util.List;
import java.util.Map;

import io.mdw.api.errors.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A control character in the path or the query, decoded (a stray {@code %09} after a symbol), is refused rather than
 * trimmed away with the blanks around a value: {@code DELETE /api/v1/admin/symbols/X:ETHUSD%09} must not deactivate
 * X:ETHUSD. Spring Security's firewall refuses only NUL, CR and LF, and only in the path. The same characters are
 * refused in JSON bodies ({@link StrictJsonBodies}).
 */
@Component
@Order(ControlCharacterRefusal.ORDER)
class ControlCharacterRefusal implements WebFilter {

    static final int ORDER = RequestHeadRefusal.ORDER + 1;

    private final ProblemResponses problems;

    ControlCharacterRefusal(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String refusal = refusal(exchange);
        return refusal == null ? chain.filter(exchange) : problems.write(exchange, HttpStatus.BAD_REQUEST, refusal);
    }

    private static String refusal(ServerWebExchange exchange) {
        for (PathContainer.Element element : exchange.getRequest().getPath().pathWithinApplication().elements()) {
            String unprintable = element instanceof PathContainer.PathSegment segment
                    ? UnprintableCharacters.firstIn(segment.valueToMatch()) : null;
            if (unprintable != null) {
                return "The path holds " + unprintable + "; send it without, such as /api/v1/historical/AAPL";
            }
        }
        for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
            String unprintable = UnprintableCharacters.firstIn(parameter.getKey());
            for (String value : parameter.getValue()) {
                unprintable = unprintable != null ? unprintable : UnprintableCharacters.firstIn(value);
            }
            if (unprintable != null) {
                return "The query parameter '" + Params.abbreviate(printable(parameter.getKey())) + "' holds "
                        + unprintable + "; send its name and value without it";
            }
        }
        return null;
    }

    private static String printable(String text) {
        return text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
