package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A body that takes longer than the limit (here 1 s) to arrive after its request's headers, however it trickles in,
 * gets a 408 and its connection closed; bodies sent as clients send them, on kept-alive and pipelined connections,
 * are answered as ever.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"mdw.api.request-body-timeout=1s",
        "spring.quartz.scheduler-name=mdw-request-body-deadline-test"})
class RequestBodyDeadlineTest extends ApiTestSupport {

    private static final Duration LIMIT = Duration.ofSeconds(1);
    /** How much later than the limit the connection may close: the test machine may be busy. */
    private static final Duration SLACK = Duration.ofSeconds(4);
    /** Between two bytes of a trickled body: far within the idle timeout (60 s), which each byte starts again. */
    private static final long TRICKLE_PAUSE_MILLIS = 200;

    private static final String ADMIN_POST = "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
            + ADMIN_KEY + "\r\nContent-Type: application/json\r\n";

    @LocalServerPort
    int port;

    static Stream<Arguments> slowBodies() {
        String body = "{\"symbol\": \"SLOWBODY\", \"asset_class\": \"stock\"}";
        String withLength = "Content-Length: " + body.length() + "\r\n\r\n";
        return Stream.of(
                Arguments.of("a body sent a byte at a time", ADMIN_POST + withLength, body),
                Arguments.of("a chunked body sent a byte at a time", ADMIN_POST
                        + "Transfer-Encoding: chunked\r\n\r\n", Integer.toHexString(body.length()) + "\r\n" + body
                        + "\r\n0\r\n\r\n"),
                Arguments.of("nothing after headers that announce a body", ADMIN_POST + withLength, ""),
                // the refusal (no key) reads the body before it is sent, and says why it is not sent instead
                Arguments.of("a body sent a byte at a time with a request refused for want of a key",
                        "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + withLength, body));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slowBodies")
    void aBodyNotInWithinTheLimitIsAnswered408AndItsConnectionClosed(String what, String head, String body,
                                                                       CapturedOutput log) throws Exception {
        Trickled trickled = trickle(head, body);

        assertThat(trickled.closedAfter()).as(what + ": closed").isBetween(LIMIT, LIMIT.plus(SLACK));
        String answer = trickled.answer();
        assertThat(answer).as(what).startsWith("HTTP/1.1 408 ");
        assertThat(header(answer, "content-type")).as(what).isEqualTo("application/problem+json");
        assertThat(header(answer, "connection")).as(what).isEqualTo("close");
        JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("status").intValue()).isEqualTo(408);
        assertThat(problem.get("detail").stringValue()).as(what)
                .isEqualTo("The request body did not arrive in time: this server waits at most 1 s from a request's"
                        + " headers for its whole body; send the body without pauses");
        assertThat(log.getAll()).as("a slow client is no server failure").doesNotContain(" ERROR ");
    }

    @Test
    void aBodyStillArrivingAfterItsRequestWasAnsweredIsCutOffAtTheLimit(CapturedOutput log) throws Exception {
        // the endpoint answers without reading the body, which Reactor Netty then reads and drops as it comes
        Trickled trickled = trickle("GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\nContent-Length: 40\r\n\r\n",
                "x".repeat(40));

        assertThat(trickled.answer()).startsWith("HTTP/1.1 200 ");
        assertThat(trickled.closedAfter()).as("closed").isBetween(LIMIT, LIMIT.plus(SLACK));
        assertThat(log.getAll()).as("a slow client is no server failure").doesNotContain(" ERROR ");
    }

    @Test
    void bodiesSentAtOnceLargeOrChunkedAreAnsweredAndTheConnectionKeptAlivePastTheLimit() throws Exception {
        // some 200 KB of JSON, within the server's 256 KB for a body
        String large = "{\"symbol\": \"LARGEBODY\"," + " ".repeat(200_000) + "\"asset_class\": \"stock\"}";
        String chunks = "{\"symbol\": \"CHUNKEDBODY\",|\"asset_class\": \"stock\"|}";
        try (KeptAlive connection = new KeptAlive()) {
            assertThat(connection.exchange(withLength(ADMIN_POST, "{\"symbol\": \"SMALLBODY\"}")))
                    .startsWith("HTTP/1.1 201 ");
            assertThat(connection.exchange(withLength(ADMIN_POST, large))).startsWith("HTTP/1.1 201 ");
            assertThat(connection.exchange(chunked(ADMIN_POST, chunks.split("\\|")))).startsWith("HTTP/1.1 201 ");

            // no deadline left over from those ends the connection, or a request on it
            connection.awaitQuietPastTheLimit();
            assertThat(connection.exchange(withLength(ADMIN_POST, "{\"symbol\": \"AFTERLIMIT\"}")))
                    .startsWith("HTTP/1.1 201 ");
        }
    }

    @Test
    void pipelinedRequestsWithBodiesAreAnsweredInTurnAndTheConnectionKeptAlivePastTheLimit() throws Exception {
        try (KeptAlive connection = new KeptAlive()) {
            connection.send(withLength(ADMIN_POST, "{\"symbol\": \"PIPEDONE\"}")
                    + chunked(ADMIN_POST, "{\"symbol\": ", "\"PIPEDTWO\"}")
                    + "GET /api/v1/admin/symbols/PIPEDTWO HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                    + "\r\n\r\n");
            assertThat(connection.read()).startsWith("HTTP/1.1 201 ");
            assertThat(connection.read()).startsWith("HTTP/1.1 201 ");
            assertThat(connection.read()).startsWith("HTTP/1.1 200 ").contains("\"PIPEDTWO\"");

            connection.awaitQuietPastTheLimit();
            assertThat(connection.exchange(withLength(ADMIN_POST, "{\"symbol\": \"PIPEDTHREE\"}")))
                    .startsWith("HTTP/1.1 201 ");
        }
    }

    private record Trickled(String answer, Duration closedAfter) {
    }

    /**
     * Sends the head, then the body a byte at a time while the server keeps the connection open; returns what the
     * server answered and how long after the head it closed the connection.
     */
    private Trickled trickle(String head, String body) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) LIMIT.plus(SLACK).multipliedBy(2).toMillis());
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
            trickler.scheduleAtFixedRate(() -> {
                try {
                    if (sent.get() < bytes.length) {
                        out.write(bytes[sent.getAndIncrement()]);
                        out.flush();
                    }
                } catch (IOException serverClosed) {
                    // the server closed the connection: the body is cut off, as it must be
                    throw new IllegalStateException(serverClosed);
                }
            }, TRICKLE_PAUSE_MILLIS, TRICKLE_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            try {
                String answer = readUntilClosed(socket.getInputStream());
                return new Trickled(answer, Duration.ofNanos(System.nanoTime() - start));
            } finally {
                trickler.shutdownNow();
            }
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a byte of the body sent as the server closed: the connection is reset once its answer is in
            if (answer.size() == 0) {
                throw reset;
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static String withLength(String head, String body) {
        return head + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String chunked(String head, String... chunks) {
        StringBuilder request = new StringBuilder(head).append("Transfer-Encoding: chunked\r\n\r\n");
        for (String chunk : chunks) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    private static String header(String response, String name) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).toLowerCase();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$").matcher(head);
        return value.find() ? value.group(1) : null;
    }

    /** A raw connection that requests are sent on one after the other, each answer read by its Content-Length. */
    private final class KeptAlive implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        KeptAlive() throws IOException {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String requests) throws IOException {
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** Past the body limit and then some, the server sends nothing: no deadline is left to answer or close. */
        void awaitQuietPastTheLimit() {
            await().during(LIMIT.plusMillis(500)).atMost(LIMIT.plus(SLACK)).until(() -> in.available() == 0);
        }

        String exchange(String request) throws IOException {
            send(request);
            return read();
        }

        String read() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("answer cut off after: " + head.toString(StandardCharsets.ISO_8859_1)).isNotNegative();
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headText);
            assertThat(length.find()).as(headText).isTrue();
            return headText + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
