package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that go silent, or stop taking in their answer, cannot hold connections open: with a 1 s idle timeout, each
 * is closed within seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"server.netty.idle-timeout=1s",
        "spring.quartz.scheduler-name=mdw-idle-connections-test"})
class IdleConnectionsTest extends ApiTestSupport {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n",
            "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sym"})
    void aConnectionThatGoesSilentIsClosed(String sentBeforeSilence, CapturedOutput log) throws IOException {
        assertThat(answerBeforeClosing(sentBeforeSilence)).as("closed without an answer").isEmpty();
        assertThat(log.getAll()).as("a silent client is no server failure").doesNotContain(" ERROR ");
    }

    @Test
    void aClientThatStopsReadingItsAnswerIsCutOffAndItsDatabaseReadEnded() throws IOException, InterruptedException {
        // 100,000 bars, some 12 MB of CSV: far more than the sockets' buffers take in
        insertMinuteBars("X:UNREADUSD", Instant.parse("2024-01-01T00:00:00Z"), 100_000);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("localhost", port));
            socket.getOutputStream().write(("GET /api/v1/historical/X:UNREADUSD?timeframe=1m&start=2024-01-01"
                    + "&end=2024-03-31&format=csv HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the client reads nothing for several idle timeouts (and far less than the statement limit, 60 s), while
            // its answer waits to be taken
            Thread.sleep(4_000);
            socket.setSoTimeout(15_000);
            String answer = readUntilClosed(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            assertThat(answer).as("cut off before its last chunk").doesNotEndWith("0\r\n\r\n");
            assertThat(answer.length()).isLessThan(12_000_000);
        }
        // the read that streamed it holds none of the API's few database connections any more
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE state <> 'idle' AND query LIKE '%FROM bars b%'"
                        + " AND pid <> pg_backend_pid()",
                Long.class) == 0);
    }

    /** What the server answers before it closes the connection, which must be well within the test's patience. */
    private String answerBeforeClosing(String sentBeforeSilence) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            // far longer than the idle timeout: a connection still open then fails the test
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(sentBeforeSilence.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            String answer = readUntilClosed(socket.getInputStream());
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until closed").isLessThan(10_000);
            return answer;
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            answer.write(buffer, 0, n);
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }
}
