package io.mdw.batch.source.polygon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.mdw.market.Timeframe;
import io.mdw.text.ControlCharacters;
import tools.jackson.core.JacksonException;

/**
 * Fetches pages of the provider's aggregates API over HTTP. Every attempt the circuit breaker lets through waits for
 * the shared rate limiter, and transient failures (429, 5xx, timeouts, cut-off bodies) are retried with backoff,
 * honouring Retry-After; a body that stops arriving counts as a timeout ({@link StalledBodyTimeout}). A fetch whose
 * load is stopped while it waits to retry stops waiting at once ({@link RetryWaits}). The key travels in the
 * Authorization header, never in a URL.
 */
public class PolygonClient {

    private final PolygonProperties properties;
    private final HttpClient http;
    private final AggregatesPageParser parser = new AggregatesPageParser();
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final RetryWaits retryWaits;
    private final ProviderRequestListener listener;
    /** The provider's address as failures name it: the base URL without user info, query or fragment. */
    private final String provider;

    public PolygonClient(PolygonProperties properties, RateLimiter rateLimiter, CircuitBreaker circuitBreaker, Retry retry,
            RetryWaits retryWaits, ProviderRequestListener listener) {
        this.properties = properties;
        this.rateLimiter = rateLimiter;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.retryWaits = retryWaits;
        this.listener = listener;
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
        this.provider = address(properties.baseUrl());
    }

    private static String address(URI base) {
        String path = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath();
        return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()) + path;
    }

    /** The first page's address for a series and window [from, to). */
    public URI firstPage(String ticker, Timeframe timeframe, Instant from, Instant to) {
        String path = "/v2/aggs/ticker/%s/range/%d/%s/%d/%d".formatted(ticker, timeframe.polygonMultiplier(),
                timeframe.polygonTimespan(), from.toEpochMilli(), to.toEpochMilli() - 1);
        return properties.baseUrl().resolve(path + "?adjusted=true&sort=asc&limit=" + properties.pageLimit());
    }

    /**
     * A page address as the provider gave it in next_url, absolute or relative, always on the configured provider: the
     * key goes with every request, so a next_url naming another host is followed by its path and query only.
     */
    public URI resolve(String pageUrl) {
        URI next = properties.baseUrl().resolve(pageUrl);
        return properties.baseUrl().resolve(next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
    }

    /**
     * One page, retried while the failure is transient. When the provider cannot be reached after every attempt, or the
     * circuit breaker refuses the call, the failure says so in one line naming the provider's address. When the load
     * the page is for (the context's job execution) is stopped while the fetch waits to retry, or before it would,
     * it throws {@link RetryStoppedException} at once instead.
     */
    public AggregatesPage fetch(URI page, RequestContext context) {
        try (RetryWaits.Fetch fetch = retryWaits.fetch(context.jobExecutionId())) {
            return fetch(page, context, fetch);
        }
    }

    private AggregatesPage fetch(URI page, RequestContext context, RetryWaits.Fetch fetch) {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<AggregatesPage> guarded = () -> {
            if (!fetch.attempting(attempts.get() > 0)) {
                throw stopped(attempts.get(), null);
            }
            attempts.incrementAndGet();
            long asked = System.nanoTime();
            Supplier<AggregatesPage> attempt = () -> {
                listener.onRateLimitWait(context, Duration.ofNanos(System.nanoTime() - asked));
                return fetchOnce(page, context);
            };
            try {
                // the breaker is asked first, so that a call it refuses takes none of the provider's few calls a minute
                if (!circuitBreaker.tryAcquirePermission()) {
                    throw CallNotPermittedException.createCallNotPermittedException(circuitBreaker);
                }
                circuitBreaker.releasePermission();
                return RateLimiter.decorateSupplier(rateLimiter, CircuitBreaker.decorateSupplier(circuitBreaker, attempt)).get();
            } catch (TransientProviderException | CallNotPermittedException retried) {
                if (!fetch.waitingToRetry()) {
                    throw stopped(attempts.get(), retried);
                }
                throw retried;
            }
        };
        try {
            return Retry.decorateSupplier(retry, guarded).get();
        } catch (TransientProviderException | CallNotPermittedException gaveUp) {
            if (fetch.stopped()) {
                // the stop ended its wait, or came as its last attempt failed
                throw stopped(attempts.get(), gaveUp);
            }
            if (gaveUp instanceof TransientProviderException last) {
                throw ProviderException.afterAttempts(last, attempts.get());
            }
            throw new ProviderException("not calling the provider at " + provider
                    + ": too many of its recent calls failed (circuit breaker '" + circuitBreaker.getName()
                    + "' is OPEN) (after " + attempts.get() + " attempts)");
        }
    }

    private RetryStoppedException stopped(int attempts, RuntimeException lastFailure) {
        return new RetryStoppedException("its load was stopped while it waited to retry the provider at " + provider
                + " (after " + attempts + (attempts == 1 ? " attempt)" : " attempts)")
                + (lastFailure == null ? "" : ": " + lastFailure.getMessage()), lastFailure);
    }

    private AggregatesPage fetchOnce(URI page, RequestContext context) {
        HttpRequest request = HttpRequest.newBuilder(page)
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "application/json")
                .GET()
                .build();
        long started = System.nanoTime();
        Integer status = null;
        try {
            HttpResponse<byte[]> response = http.send(request, StalledBodyTimeout.ofByteArray(properties.requestTimeout()));
            status = response.statusCode();
            AggregatesPage parsed = interpret(response);
            Long recordedAs = listener.onRequest(context, status, parsed.resultsCount(), elapsedMs(started), null);
            return parsed.recordedAs(recordedAs);
        } catch (IOException e) {
            String failure = ConnectionFailure.describe(e, properties.requestTimeout());
            listener.onRequest(context, status, 0, elapsedMs(started), failure);
            throw new TransientProviderException("cannot reach the provider at " + provider + ": " + failure, null, e,
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while waiting for the provider");
        } catch (RuntimeException e) {
            listener.onRequest(context, status, 0, elapsedMs(started), e.getMessage());
            throw e;
        }
    }

    private AggregatesPage interpret(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new TransientProviderException("the provider at " + provider + " answered " + status,
                    retryAfter(response).orElse(null), null, status == 429);
        }
        if (status == 401) {
            throw new ProviderException("provider refused the API key (401): set POLYGON_API_KEY to a valid key");
        }
        if (status == 403) {
            throw new ProviderException("provider plan does not cover this data (403)");
        }
        if (status != 200) {
            throw new ProviderException("provider answered " + status + ": " + snippet(response.body()));
        }
        AggregatesPage page;
        try {
            page = parser.parse(response.body());
        } catch (JacksonException | AggregatesPageParser.MalformedPageException e) {
            throw new TransientProviderException("the provider at " + provider + " sent a truncated or malformed body: "
                    + e.getMessage(), null, e, false);
        }
        if (page.status() != null && !page.statusHoldsBars()) {
            throw new ProviderException("provider answered status " + ControlCharacters.escape(page.status()));
        }
        return page;
    }

    /**
     * The wait a Retry-After asks for, in seconds or as an HTTP-date (RFC 9110, 10.2.3; a date past is no wait). A
     * negative number or a value of neither form is no instruction: the exponential backoff decides.
     */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                long seconds = Long.parseLong(value);
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), until);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    private static String snippet(byte[] body) {
        String text = ControlCharacters.escape(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static int elapsedMs(long startedNanos) {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Which series a request is for, so that each request can be recorded against it. */
    public record RequestContext(String symbol, Timeframe timeframe, Long jobExecutionId) {
    }

    /** Told of every HTTP attempt: status (null when none arrived), bars received, latency, error. */
    public interface ProviderRequestListener {
        /** Returns the id the attempt is recorded under, by a listener that records attempts; else null. */
        Long onRequest(RequestContext context, Integer httpStatus, int records, int responseTimeMs, String error);

        /** Told how long an attempt waited for the rate limiter's permit. */
        default void onRateLimitWait(RequestContext context, Duration waited) {
        }

        /** One listener telling all of them. */
        static ProviderRequestListener all(java.util.List<? extends ProviderRequestListener> listeners) {
            return new ProviderRequestListener() {
                @Override
                public Long onRequest(RequestContext context, Integer httpStatus, int records, int responseTimeMs,
                        String error) {
                    Long recordedAs = null;
                    for (ProviderRequestListener listener : listeners) {
                        Long id = listener.onRequest(context, httpStatus, records, responseTimeMs, error);
                        recordedAs = recordedAs != null ? recordedAs : id;
                    }
                    return recordedAs;
                }

                @Override
                public void onRateLimitWait(RequestContext context, Duration waited) {
                    listeners.forEach(l -> l.onRateLimitWait(context, waited));
                }
            };
        }
    }
}
