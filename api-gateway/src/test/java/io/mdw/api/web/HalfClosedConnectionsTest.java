package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that sends its requests and then shuts down its side of the connection (SHUT_WR, as {@code nc -N} does)
 * gets every answer in full, and then the server closes the connection: no more can come, so it does not wait for the
 * idle timeout (60 s here).
 */
@ExtendWith(OutputCaptureExtension.class)
class HalfClosedConnectionsTest extends ApiTestSupport {

    private static final String SYMBOL = "X:HALFCLOSEUSD";
    private static final String LARGE_SYMBOL = "X:HALFCLOSELARGEUSD";
    /** Three days of minute bars; the read streams the first two (end inclusive) as CSV, in chunks. */
    private static final String BARS = "GET /api/v1/historical/" + SYMBOL
            + "?timeframe=1m&start=2023-03-13&end=2023-03-14&format=csv HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String SYMBOLS = "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n";
    /** Far below the idle timeout, and far above what an answer from the database takes. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @BeforeEach
    void bars() {
        if (jdbc.queryForObject("SELECT count(*) FROM bars WHERE symbol = ?", Long.class, SYMBOL) == 0) {
            insertMinuteBars(SYMBOL, Instant.parse("2023-03-13T00:00:00Z"), 3 * 24 * 60);
        }
    }

    @Test
    void aRequestAnsweredFromTheDatabaseIsAnsweredInFullThenTheConnectionClosed(CapturedOutput log) throws IOException {
        HalfClosed halfClosed = sendThenHalfClose(BARS);

        assertThat(halfClosed.answers()).hasSize(1);
        String answer = halfClosed.answers().get(0);
        assertThat(answer).startsWith("HTTP/1.1 200 ");
        // a header line, then the two days' bars
        assertThat(body(answer).lines()).hasSize(1 + 2 * 24 * 60);
        assertThat(log.getAll()).as("a half-closed connection is no server failure").doesNotContain(" ERROR ");
    }

    @ParameterizedTest(name = "half-closed once its answer began coming: {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerFarLargerThanTheSocketBuffersIsWrittenInFull(boolean onceItsAnswerBegan) throws Exception {
        // 100,000 bars, some 12 MB of CSV: the server waits again and again for the client to take in its answer
        if (jdbc.queryForObject("SELECT count(*) FROM bars WHERE symbol = ?", Long.class, LARGE_SYMBOL) == 0) {
            insertMinuteBars(LARGE_SYMBOL, Instant.parse("2024-01-01T00:00:00Z"), 100_000);
        }

        HalfClosed halfClosed = sendThenHalfClose("GET /api/v1/historical/" + LARGE_SYMBOL
                + "?timeframe=1m&start=2024-01-01&end=2024-03-31&format=csv HTTP/1.1\r\nHost: localhost\r\n\r\n",
                onceItsAnswerBegan);

        assertThat(halfClosed.answers()).hasSize(1);
        assertThat(halfClosed.answers().get(0)).startsWith("HTTP/1.1 200 ");
        assertThat(body(halfClosed.answers().get(0)).lines()).hasSize(1 + 100_000);
    }

    @Test
    void pipelinedRequestsSentBeforeTheHalfCloseAreAllAnsweredInTurn() throws IOException {
        HalfClosed halfClosed = sendThenHalfClose(SYMBOLS + BARS + SYMBOLS + "GET /api/v1/no-such-thing HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n");

        assertThat(halfClosed.answers()).extracting(answer -> answer.substring(0, answer.indexOf("\r\n")))
                .containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found");
        assertThat(halfClosed.answers().get(0)).contains("\"symbols\"").isEqualTo(halfClosed.answers().get(2));
        assertThat(body(halfClosed.answers().get(1)).lines()).hasSize(1 + 2 * 24 * 60);
    }

    @Test
    void aHalfCloseWithNoRequestIsAnsweredByClosingAtOnce() throws IOException {
        HalfClosed halfClosed = sendThenHalfClose("");

        assertThat(halfClosed.answers()).isEmpty();
        assertThat(halfClosed.closedAfter()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHalfCloseAfterAnAnsweredRequestClosesAtOnce() throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) CLOSED_WITHIN.multipliedBy(3).toMillis());
            socket.getOutputStream().write(SYMBOLS.getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(readAnswer(in)).startsWith("HTTP/1.1 200 ");
            // the answer is out and the connection kept alive, quiet, for the next request, which does not come
            await().during(Duration.ofMillis(500)).atMost(CLOSED_WITHIN).until(() -> in.available() == 0);
            socket.shutdownOutput();
            long start = System.nanoTime();

            assertThat(in.read()).as("closed").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aBodyCutShortByAHalfCloseIsAnswered400(CapturedOutput log) throws IOException {
        HalfClosed halfClosed = sendThenHalfClose("POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\n"
                + "X-API-Key: " + ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"symbol\": \"ZZHALF\"");

        assertThat(halfClosed.answers()).hasSize(1);
        assertThat(halfClosed.answers().get(0)).startsWith("HTTP/1.1 400 ").contains("application/problem+json")
                .contains("The request body was cut short");
        assertThat(halfClosed.closedAfter()).isLessThan(Duration.ofSeconds(2));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbols WHERE symbol = 'ZZHALF'", Long.class)).isZero();
        assertThat(log.getAll()).as("a body cut short is no server failure").doesNotContain(" ERROR ");
    }

    /**
     * The same while the endpoint is already reading the body: its 400 reached the reader, then came again once the
     * request was answered, and was logged as an ERROR with its stack trace, which any client could repeat.
     */
    @Test
    void aBodyCutShortWhileItIsReadIsNoServerFailure(CapturedOutput log) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
            socket.getOutputStream().write(("POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                    + ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"symbol\": \"ZZHALF\"")
                    .getBytes(StandardCharsets.US_ASCII));
            // no sign shows when the endpoint has begun reading the body; it has long before this
            Thread.sleep(500);
            socket.shutdownOutput();

            assertThat(readAnswer(new BufferedInputStream(socket.getInputStream()))).startsWith("HTTP/1.1 400 ")
                    .contains("The request body was cut short");
        }
        await().during(Duration.ofSeconds(1)).atMost(CLOSED_WITHIN).until(() -> !log.getAll().contains(" ERROR "));
    }

    @Test
    void aHeadCutShortByAHalfCloseIsAnswered400() throws IOException {
        HalfClosed halfClosed = sendThenHalfClose("GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n");

        assertThat(halfClosed.answers()).hasSize(1);
        assertThat(halfClosed.answers().get(0)).startsWith("HTTP/1.1 400 ");
        assertThat(halfClosed.closedAfter()).isLessThan(Duration.ofSeconds(2));
    }

    /** Sends the requests, shuts down the sending side, and reads answers until the server closes the connection. */
    private HalfClosed sendThenHalfClose(String requests) throws IOException {
        return sendThenHalfClose(requests, false);
    }

    /** The same, the half-close once the answer has begun coming when asked: while the server is at work on it. */
    private HalfClosed sendThenHalfClose(String requests, boolean onceTheAnswerBegan) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            // a connection left open past this fails the test with a timeout, well before the idle timeout
            socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            if (onceTheAnswerBegan) {
                InputStream answer = socket.getInputStream();
                await().atMost(CLOSED_WITHIN).until(() -> answer.available() > 0);
            }
            socket.shutdownOutput();
            long start = System.nanoTime();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<String> answers = new ArrayList<>();
            for (String answer = readAnswer(in); answer != null; answer = readAnswer(in)) {
                answers.add(answer);
            }
            return new HalfClosed(answers, Duration.ofNanos(System.nanoTime() - start));
        }
    }


    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    private record HalfClosed(List<String> answers, Duration closedAfter) {
    }

    /**
     * One whole answer, its body de-chunked if it came in chunks, or null if the connection was closed before it began;
     * one cut off in the middle fails.
     */
    private static String readAnswer(InputStream in) throws IOException {
        String head = firstLine(in);
        if (head == null) {
            return null;
        }
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head += "\r\n" + line;
        }
        head += "\r\n\r\n";
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            return head + new String(readExactly(in, Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1);
        }
        assertThat(head).containsIgnoringCase("transfer-encoding: chunked");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine(in), 16); size > 0; size = Integer.parseInt(readLine(in), 16)) {
            body.write(readExactly(in, size));
            assertThat(readLine(in)).isEmpty();
        }
        assertThat(readLine(in)).as("the end of the chunks").isEmpty();
        return head + body.toString(StandardCharsets.ISO_8859_1);
    }

    /** An answer's first line, or null if the connection was closed (or reset) before it began. */
    private static String firstLine(InputStream in) throws IOException {
        in.mark(1);
        try {
            if (in.read() < 0) {
                return null;
            }
        } catch (SocketException reset) {
            return null;
        }
        in.reset();
        return readLine(in);
    }

    /** A line without its CRLF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("closed in the middle of a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).endsWith("\r");
        return text.substring(0, text.length() - 1);
    }

    private static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException("closed after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }
}
