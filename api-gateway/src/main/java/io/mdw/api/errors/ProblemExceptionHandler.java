package io.mdw.api.errors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.mdw.api.web.Params;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Turns every exception that leaves a handler, the router or a filter into problem+json:
 * the framework's 400/404/405/406/415 as well as the API's own refusals. Runs before Boot's
 * default error handler so nothing reaches the client in another shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    /** Spring's MimeTypeUtils sorts at most this many media types; more fail the whole request. */
    private static final int MAX_ACCEPT_TYPES = 50;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";
    private static final String ACCEPTED_BODIES = "a JSON object with Content-Type: application/json";

    private final ProblemResponses problems;
    /** Looked up when needed: the keys command runs this application without a web server, and so without codecs. */
    private final ObjectProvider<ServerCodecConfigurer> codecs;
    private final ApplicationContext application;
    private final String actuatorBasePath;

    public ProblemExceptionHandler(ProblemResponses problems, ObjectProvider<ServerCodecConfigurer> codecs,
                                   ApplicationContext application,
                                   @Value(BodilessErrorAnswers.ACTUATOR_BASE_PATH) String actuatorBasePath) {
        this.problems = problems;
        this.codecs = codecs;
        this.application = application;
        this.actuatorBasePath = actuatorBasePath;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // the client went away mid-request (a body broken off): nobody to answer, and no failure of the server.
            // Only when its connection is gone: a database connection lost mid-query looks the same to the helper. A
            // reset reaches here while Netty handles the failed read, before it closes the connection: look again once
            // that read is done
            return clientGone(exchange) ? clientGoneQuietly(exchange, ex)
                    : afterTheCurrentRead(exchange).then(Mono.defer(() -> clientGone(exchange)
                            ? clientGoneQuietly(exchange, ex) : answer(exchange, ex)));
        }
        return answer(exchange, ex);
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ReadTimeoutException) {
            // the body stopped arriving (IdleConnections): the connection is closed, as for headers that stop
            // arriving, rather than answered with a status nobody may read
            log.debug("Closing the connection of {} {}: its body stopped arriving", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath());
            // closed here too: Netty's ReadTimeoutHandler closes it, but an empty 200 was seen to go out before that
            connection(exchange).ifPresent(Connection::dispose);
            return Mono.empty();
        }
        if (ex instanceof ApiProblem problem) {
            Map<String, Object> extra = problem.existingJobId() == null
                    ? Map.of() : Map.of("job_id", problem.existingJobId());
            return problems.write(exchange, problem.status(), problem.getMessage(), extra);
        }
        if (ex instanceof ServerWebInputException input) {
            String bodyProblem = RequestBodyProblems.describe(input);
            return problems.write(exchange, HttpStatus.BAD_REQUEST, bodyProblem != null ? bodyProblem
                    : describeInputError(input));
        }
        if (ex instanceof NoResourceFoundException) {
            String path = exchange.getRequest().getPath().value();
            // the request target '*' (one that is not a path, such as 'symbols', is refused before: UnreadableRequestHandler)
            String where = path.isEmpty() ? "No endpoint for a request target without a path (it must start with '/')"
                    : "No endpoint at " + Params.abbreviate(path, ProblemResponses.QUOTED_LENGTH);
            String whereToLook = onTheManagementServer(exchange) ? BodilessErrorAnswers.listsTheOperationalEndpoints(
                    exchange.getRequest().getPath().contextPath().value() + actuatorBasePath)
                    : "the API is described at /v3/api-docs and /swagger-ui.html";
            return problems.write(exchange, HttpStatus.NOT_FOUND, where + "; " + whereToLook);
        }
        if (ex instanceof ResponseStatusException unsupported
                && unsupported.getStatusCode().value() == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
            // also form data, which Spring refuses for a JSON body with a bare 415 of its own
            copyHeaders(unsupported.getHeaders(), exchange.getResponse().getHeaders());
            return unsupportedContentType(exchange);
        }
        if (ex instanceof ContentTooLargeException) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this"
                    + " server's limit of " + ProblemResponses.size(jsonBodyLimit()) + "; send a smaller one");
        }
        // Spring answers an Accept header it cannot parse with 406, as if it asked for something the API lacks
        if (ex instanceof InvalidMimeTypeException || ex instanceof InvalidMediaTypeException
                || ex instanceof NotAcceptableStatusException) {
            String acceptProblem = acceptProblem(exchange.getRequest().getHeaders());
            if (acceptProblem != null) {
                return problems.write(exchange, HttpStatus.BAD_REQUEST, acceptProblem);
            }
        }
        if (ex instanceof ErrorResponse error) {
            copyHeaders(error.getHeaders(), exchange.getResponse().getHeaders());
            String detail = error.getBody().getDetail();
            if (detail == null && ex instanceof ResponseStatusException rse) {
                detail = rse.getReason();
            }
            return problems.write(exchange, error.getStatusCode(), detail == null ? ex.getMessage() : detail);
        }
        DatabaseUnavailable.Answer databaseUnavailable = DatabaseUnavailable.of(ex);
        if (databaseUnavailable != null) {
            // one line, not a stack trace per request while the database is down or busy
            log.warn("{} {}: the database could not answer: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
            if (databaseUnavailable.retryLater()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
            }
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, databaseUnavailable.detail());
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The server failed to answer this request; the error has been logged");
    }

    /**
     * Whether the request came to the Actuator's own port (management.server.port): Boot serves that one from a child
     * of this application's context, which holds the Actuator and nothing of the API.
     */
    private boolean onTheManagementServer(ServerWebExchange exchange) {
        return exchange.getApplicationContext() != null && exchange.getApplicationContext() != application;
    }

    private static Mono<Void> clientGoneQuietly(ServerWebExchange exchange, Throwable ex) {
        log.debug("Client gone during {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                ex.toString());
        return Mono.empty();
    }

    /** Completes once the connection's event loop has run what it is running now. */
    private static Mono<Void> afterTheCurrentRead(ServerWebExchange exchange) {
        return connection(exchange)
                .map(connection -> Mono.<Void>create(done -> connection.channel().eventLoop().execute(done::success)))
                .orElse(Mono.empty());
    }

    private static boolean clientGone(ServerWebExchange exchange) {
        return connection(exchange).filter(connection -> connection.isDisposed() || !connection.channel().isActive())
                .isPresent();
    }

    /** The Reactor Netty connection the exchange came on (none under a mock server). */
    private static Optional<Connection> connection(ServerWebExchange exchange) {
        return ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse()) instanceof Connection connection
                ? Optional.of(connection) : Optional.empty();
    }

    private static String describeInputError(ServerWebInputException input) {
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName()
                    : input.getMethodParameter() != null ? input.getMethodParameter().getParameterName() : "parameter";
            String raw = String.valueOf(mismatch.getValue());
            String value = Params.abbreviate(raw);
            Class<?> type = mismatch.getRequiredType();
            // digits that do not fit the type: out of range rather than not a number
            boolean digits = WHOLE_NUMBER.matcher(raw.trim()).matches();
            boolean negative = raw.trim().startsWith("-");
            if ((type == Integer.class || type == int.class) && digits) {
                return "Invalid value '" + value + "' for '" + name + "': "
                        + (negative ? "too small, at least " + Integer.MIN_VALUE : "too large, at most " + Integer.MAX_VALUE);
            }
            if ((type == Long.class || type == long.class) && digits) {
                return "Invalid value '" + value + "' for '" + name + "': "
                        + (negative ? "too small, at least " + Long.MIN_VALUE : "too large, at most " + Long.MAX_VALUE);
            }
            return "Invalid value '" + value + "' for '" + name + "': expected "
                    + (type == null ? "another type" : describeType(type));
        }
        return input.getReason();
    }

    /** The most a JSON body may be: what the server's JSON decoder buffers. */
    private int jsonBodyLimit() {
        return codecs.getObject().getReaders().stream()
                .map(reader -> reader instanceof DecoderHttpMessageReader<?> decoding ? decoding.getDecoder() : null)
                .filter(JacksonJsonDecoder.class::isInstance).map(JacksonJsonDecoder.class::cast)
                .mapToInt(JacksonJsonDecoder::getMaxInMemorySize).findFirst().orElseThrow();
    }

    /** A Content-Type header that does not parse is malformed (400); one that parses is not accepted here (415). */
    private Mono<Void> unsupportedContentType(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "A Content-Type header is required with a body; send " + ACCEPTED_BODIES);
        }
        try {
            MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException malformed) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "The Content-Type header '"
                    + Params.abbreviate(header) + "' is malformed; send " + ACCEPTED_BODIES);
        }
        return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + Params.abbreviate(header)
                + "' is not supported here; send " + ACCEPTED_BODIES);
    }

    /**
     * What is wrong with the Accept header, or null when nothing is (the media type that failed is another): one that
     * does not parse, or one listing more media types than Spring sorts, which it parses first.
     */
    private static String acceptProblem(HttpHeaders headers) {
        List<MediaType> types;
        try {
            types = headers.getAccept();
        } catch (InvalidMediaTypeException | InvalidMimeTypeException invalid) {
            // the message quotes the whole media type first, then says what is wrong with it
            String message = String.valueOf(invalid.getMessage());
            return "The Accept header is not valid (" + message.substring(message.lastIndexOf(": ") + 2)
                    + "); send media types separated by commas, e.g. Accept: application/json, text/csv";
        }
        return types.size() <= MAX_ACCEPT_TYPES ? null : "The Accept header has more than " + MAX_ACCEPT_TYPES
                + " media types (" + types.size() + "); list only those you can read, e.g. Accept: application/json";
    }

    private static String describeType(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number in digits 0-9";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number in digits 0-9, such as 0.85 or 85e-2 (an exponent of at most three digits)";
        }
        return type.getSimpleName();
    }

    private static void copyHeaders(HttpHeaders from, HttpHeaders to) {
        from.forEach((name, values) -> to.put(name, values));
    }
}
