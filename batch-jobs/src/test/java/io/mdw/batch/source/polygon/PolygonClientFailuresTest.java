package io.mdw.batch.source.polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a load reports when the provider cannot be reached, against real sockets on this machine: a closed port, a
 * server that resets every connection, one that hangs up in the middle of its answer, and one that never answers.
 */
class PolygonClientFailuresTest {

    private static final String KEY = "secret-polygon-key";

    private final List<String> recordedErrors = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @AfterEach
    void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClosedPortIsReportedAsARefusedConnectionToTheProvidersAddress() throws IOException {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }

        assertThat(failureOfAFetchFrom(closedPort)).isEqualTo(
                "cannot reach the provider at http://127.0.0.1:" + closedPort + ": connection refused (after 3 attempts)");
        assertThat(recordedErrors).containsExactly("connection refused", "connection refused", "connection refused");
    }

    @Test
    void aResetConnectionIsReportedAsSuch() throws IOException {
        int port = serveEveryConnection(connection -> connection.setSoLinger(true, 0));

        assertThat(failureOfAFetchFrom(port)).isEqualTo(
                "cannot reach the provider at http://127.0.0.1:" + port + ": connection reset (after 3 attempts)");
    }

    @Test
    void anAnswerCutOffMidwayIsReportedAsAConnectionClosedTooEarly() throws IOException {
        int port = serveEveryConnection(PolygonClientFailuresTest::sendTheHeadersAndPartOfTheBody);

        assertThat(failureOfAFetchFrom(port)).isEqualTo("cannot reach the provider at http://127.0.0.1:" + port
                + ": connection closed before the answer was complete (after 3 attempts)");
    }

    @Test
    void aProviderThatNeverAnswersIsReportedWithTheTimeout() throws IOException {
        int port = serveEveryConnection(connection -> sleep(5_000));

        assertThat(failureOfAFetchFrom(port, Duration.ofMillis(300))).isEqualTo("cannot reach the provider at "
                + "http://127.0.0.1:" + port + ": no answer within 300 ms (after 3 attempts)");
        assertThat(recordedErrors).containsExactly("no answer within 300 ms", "no answer within 300 ms",
                "no answer within 300 ms");
    }

    /**
     * An answer whose headers arrive but whose body stops coming: Java's HTTP client times out only the wait for the
     * headers, so without a watch on the body the load would wait for ever.
     */
    @Test
    void anAnswerThatStallsAfterItsHeadersIsGivenUpAfterTheTimeout() throws IOException {
        int port = serveEveryConnection(connection -> {
            sendTheHeadersAndPartOfTheBody(connection);
            // holds the connection open, sending nothing more, until the client gives up on it
            connection.setSoTimeout(10_000);
            connection.getInputStream().read();
        });

        String failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> failureOfAFetchFrom(port, Duration.ofMillis(300)));

        assertThat(failure).isEqualTo("cannot reach the provider at http://127.0.0.1:" + port
                + ": the answer stopped arriving (no data within 300 ms) (after 3 attempts)");
        assertThat(recordedErrors).containsExactly("the answer stopped arriving (no data within 300 ms)",
                "the answer stopped arriving (no data within 300 ms)",
                "the answer stopped arriving (no data within 300 ms)");
    }

    /** A slow answer whose body keeps coming is read to its end, however long it takes in all. */
    @Test
    void anAnswerThatTricklesInIsReadWhole() throws IOException {
        String body = "{\"status\":\"OK\",\"resultsCount\":2,\"results\":[{\"t\":1678665600000,\"o\":1},{\"t\":1678665900000,\"o\":2}]}";
        int port = serveEveryConnection(connection -> {
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // five pieces 150 ms apart: 600 ms in all, never 300 ms without data
            for (int piece = 0; piece < 5; piece++) {
                out.write(body.substring(body.length() * piece / 5, body.length() * (piece + 1) / 5)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sleep(150);
            }
        });
        PolygonClient client = client(new PolygonProperties(KEY, URI.create("http://127.0.0.1:" + port), 100000, 100,
                Duration.ofMillis(300), 1, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(30)));

        AggregatesPage page = client.fetch(firstPage(client),
                new PolygonClient.RequestContext("X:ETHUSD", Timeframe.FIVE_MINUTES, null));

        assertThat(page.resultsCount()).isEqualTo(2);
        assertThat(recordedErrors).isEmpty();
    }

    /** A 200 announcing 100 bytes of body, and the first 6 of them. */
    private static void sendTheHeadersAndPartOfTheBody(Socket connection) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"resu".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The provider's Retry-After is waited up to POLYGON_MAX_BACKOFF (20 ms here), not a day; a value that is no
     * number of seconds to wait (negative) leaves the wait to the exponential backoff: both retried, never parked.
     */
    @Test
    void aRetryAfterIsWaitedNoLongerThanTheLongestBackoffAndANegativeOneIsRetriedToo() throws IOException {
        for (String retryAfter : List.of("100000", "-5")) {
            recordedErrors.clear();
            int port = serveEveryConnection(connection -> {
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + retryAfter
                        + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            });

            String failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failureOfAFetchFrom(port),
                    "Retry-After: " + retryAfter + " must not park the load");
            assertThat(failure).endsWith("(after 3 attempts)");
            assertThat(recordedErrors).as("Retry-After: %s", retryAfter).hasSize(3);
            server.close();
        }
    }

    private String failureOfAFetchFrom(int port) {
        return failureOfAFetchFrom(port, Duration.ofSeconds(2));
    }

    /** A Retry-After may be an HTTP-date (RFC 9110): the retry waits until then, not the backoff's 10 ms. */
    @Test
    void aRetryAfterGivenAsADateIsWaitedUntilThen() throws IOException {
        List<Long> requestedAt = new CopyOnWriteArrayList<>();
        int port = serveEveryConnection(connection -> {
            requestedAt.add(System.nanoTime());
            String until = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
            String empty = "{\"ticker\":\"X:ETHUSD\",\"status\":\"OK\",\"resultsCount\":0,\"results\":[]}";
            answer(connection, requestedAt.size() == 1 ? "429 Too Many Requests" : "200 OK",
                    requestedAt.size() == 1 ? until : null, empty);
        });
        PolygonClient client = client(aMinutesWait(port));

        client.fetch(firstPage(client), new PolygonClient.RequestContext("X:ETHUSD", Timeframe.FIVE_MINUTES, null));

        assertThat(requestedAt).hasSize(2);
        // the date has whole seconds: between one and two seconds from the first answer
        assertThat(Duration.ofNanos(requestedAt.get(1) - requestedAt.get(0)))
                .isGreaterThan(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(5));
    }

    /**
     * A series whose load meets the circuit breaker open (other series' calls failed) waits out its open state, one
     * attempt after another, instead of failing without a call: here the provider's first 10 answers are 500s, which
     * open the breaker for 300 ms; the call after is refused, the next one passes and succeeds.
     */
    @Test
    void aLoadThatMeetsTheCircuitBreakerOpenWaitsItOutAndGoesOn() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        int port = serveEveryConnection(connection -> {
            String empty = "{\"ticker\":\"X:ETHUSD\",\"status\":\"OK\",\"resultsCount\":0,\"results\":[]}";
            String answer = requests.incrementAndGet() <= 10
                    ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + empty.length()
                            + "\r\n\r\n" + empty;
            connection.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
            connection.getOutputStream().flush();
        });
        PolygonClient client = client(new PolygonProperties(KEY, URI.create("http://127.0.0.1:" + port), 100000, 100,
                Duration.ofSeconds(2), 12, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(300)));

        AggregatesPage page = client.fetch(firstPage(client),
                new PolygonClient.RequestContext("X:ETHUSD", Timeframe.FIVE_MINUTES, null));

        assertThat(page).isNotNull();
        assertThat(requests.get()).as("10 failures, then the call the half-open breaker let through").isEqualTo(11);
    }

    /**
     * An attempt the open breaker refuses takes no permit of the rate limiter: on the provider's free plan a permit is
     * a twelfth of a minute. Of 100 calls a minute, those left are the 100 less the calls that reached the provider.
     */
    @Test
    void anAttemptTheOpenBreakerRefusesTakesNoPermitOfTheRateLimiter() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        int port = serveEveryConnection(connection -> {
            String empty = "{\"ticker\":\"X:ETHUSD\",\"status\":\"OK\",\"resultsCount\":0,\"results\":[]}";
            answer(connection, requests.incrementAndGet() <= 10 ? "500 Internal Server Error" : "200 OK", null,
                    requests.get() <= 10 ? "" : empty);
        });
        PolygonProperties properties = new PolygonProperties(KEY, URI.create("http://127.0.0.1:" + port), 100, 100,
                Duration.ofSeconds(2), 12, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(300));
        PolygonSourceConfiguration resilience = new PolygonSourceConfiguration();
        RateLimiter rateLimiter = resilience.polygonRateLimiter(properties);
        CircuitBreaker circuitBreaker = resilience.polygonCircuitBreaker(properties);
        List<String> refused = new CopyOnWriteArrayList<>();
        circuitBreaker.getEventPublisher().onCallNotPermitted(event -> refused.add(event.toString()));
        PolygonClient client = new PolygonClient(properties, rateLimiter, circuitBreaker,
                resilience.polygonRetry(properties), new RetryWaits(), (context, status, records, millis, error) -> null);

        client.fetch(firstPage(client), new PolygonClient.RequestContext("X:ETHUSD", Timeframe.FIVE_MINUTES, null));

        assertThat(requests.get()).isEqualTo(11);
        assertThat(refused).isNotEmpty();
        assertThat(rateLimiter.getMetrics().getAvailablePermissions()).isEqualTo(100 - 11);
    }

    /**
     * A fetch waiting a minute to retry (a 503 with Retry-After: 60) stops waiting as soon as its load is stopped, and
     * tries no more; the interrupt that ended its wait does not outlive the fetch, which would end its chunk loop as if
     * the partition were done.
     */
    @Test
    void aFetchWaitingToRetryStopsAtOnceWhenItsLoadIsStoppedAndLeavesItsThreadUninterrupted() throws Exception {
        int port = serveEveryConnection(connection -> answer(connection, "503 Service Unavailable", "60", ""));
        RetryWaits waits = new RetryWaits();
        waits.started(7);
        PolygonClient client = client(aMinutesWait(port), waits);

        CompletableFuture<Ended> fetching = CompletableFuture.supplyAsync(() -> fetchFor(client, 7L));
        await().atMost(Duration.ofSeconds(10)).until(() -> !recordedErrors.isEmpty());
        long stopping = System.nanoTime();
        waits.stop(7);
        Ended ended = fetching.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
        assertThat(ended.failure()).isInstanceOf(RetryStoppedException.class).hasMessage("its load was stopped while it"
                + " waited to retry the provider at http://127.0.0.1:" + port + " (after 1 attempt): the provider at"
                + " http://127.0.0.1:" + port + " answered 503");
        assertThat(ended.interrupted()).isFalse();
        assertThat(recordedErrors).hasSize(1);
    }

    /**
     * A load stopped after its current chunk may need a page to finish it: its fetch makes its first attempt, but a
     * failed one is not retried, and not waited for. Another load's fetches are not stopped.
     */
    @Test
    void aStoppedLoadsFetchMakesItsFirstAttemptButDoesNotRetry() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        int port = serveEveryConnection(connection -> {
            String empty = "{\"ticker\":\"X:ETHUSD\",\"status\":\"OK\",\"resultsCount\":0,\"results\":[]}";
            if (requests.incrementAndGet() == 1) {
                answer(connection, "200 OK", null, empty);
            } else {
                answer(connection, "503 Service Unavailable", "60", "");
            }
        });
        RetryWaits waits = new RetryWaits();
        waits.started(7);
        waits.started(8);
        waits.stop(7);
        PolygonClient client = client(aMinutesWait(port), waits);

        assertThat(fetchFor(client, 7L).failure()).isNull();
        Ended second = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> fetchFor(client, 7L));

        assertThat(second.failure()).isInstanceOf(RetryStoppedException.class).hasMessageEndingWith("(after 1 attempt):"
                + " the provider at http://127.0.0.1:" + port + " answered 503");
        assertThat(requests.get()).isEqualTo(2);
        // load 8 was not stopped: it waits its minute
        CompletableFuture<Ended> other = CompletableFuture.supplyAsync(() -> fetchFor(client, 8L));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() == 3);
        assertThat(other).isNotDone();
        assertThat(requests.get()).isEqualTo(3);
        waits.stop(8);
        assertThat(other.get(10, TimeUnit.SECONDS).failure()).isInstanceOf(RetryStoppedException.class);
    }

    private record Ended(RuntimeException failure, boolean interrupted) {
    }

    private static Ended fetchFor(PolygonClient client, long jobExecutionId) {
        try {
            client.fetch(firstPage(client), new PolygonClient.RequestContext("X:ETHUSD", Timeframe.FIVE_MINUTES,
                    jobExecutionId));
            return new Ended(null, Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            return new Ended(e, Thread.currentThread().isInterrupted());
        }
    }

    /** Six attempts, each wait as long as Retry-After asks up to a minute. */
    private static PolygonProperties aMinutesWait(int port) {
        return new PolygonProperties(KEY, URI.create("http://127.0.0.1:" + port), 100000, 100, Duration.ofSeconds(2), 6,
                Duration.ofMillis(10), Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    private static void answer(Socket connection, String status, String retryAfter, String body) throws IOException {
        String head = "HTTP/1.1 " + status + "\r\n" + (retryAfter == null ? "" : "Retry-After: " + retryAfter + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
        connection.getOutputStream().write((head + body).getBytes(StandardCharsets.US_ASCII));
        connection.getOutputStream().flush();
    }

    /** The failure's message, checked to hold neither the key nor a cause the operator cannot act on. */
    private String failureOfAFetchFrom(int port, Duration requestTimeout) {
        PolygonClient client = client(new PolygonProperties(KEY, URI.create("http://127.0.0.1:" + port), 100000, 100,
                requestTimeout, 3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(30)));

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> client.fetch(firstPage(client),
                new PolygonClient.RequestContext("X:ETHUSD", Timeframe.FIVE_MINUTES, null)));

        assertThat(failure.getCause()).isNull();
        assertThat(failure.getMessage()).doesNotContain(KEY).doesNotContain("null").doesNotContain("Exception");
        return failure.getMessage();
    }

    /** A client with its own rate limiter, breaker and retry, recording each failed call's error. */
    private PolygonClient client(PolygonProperties properties) {
        return client(properties, new RetryWaits());
    }

    private PolygonClient client(PolygonProperties properties, RetryWaits waits) {
        PolygonSourceConfiguration resilience = new PolygonSourceConfiguration();
        return new PolygonClient(properties, resilience.polygonRateLimiter(properties),
                resilience.polygonCircuitBreaker(properties), resilience.polygonRetry(properties), waits,
                (context, status, records, millis, error) -> {
                    if (error != null) {
                        recordedErrors.add(error);
                    }
                    return null;
                });
    }

    private static URI firstPage(PolygonClient client) {
        return client.firstPage("X:ETHUSD", Timeframe.FIVE_MINUTES, Instant.parse("2023-03-13T00:00:00Z"),
                Instant.parse("2023-03-14T00:00:00Z"));
    }

    @FunctionalInterface
    private interface Misbehaviour {
        void after(Socket requestRead) throws IOException;
    }

    /** Reads each request, then misbehaves and closes the connection. */
    private int serveEveryConnection(Misbehaviour misbehaviour) throws IOException {
        server = new ServerSocket(0);
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    connection.getInputStream().read(new byte[8192]);
                    misbehaviour.after(connection);
                } catch (IOException closedOrGone) {
                    // the test is over, or the client went away first
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return server.getLocalPort();
    }
}
