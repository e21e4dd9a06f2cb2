package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Clients that go silent cannot hold connections open: with a 1 s idle timeout, each is closed within seconds. */
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
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            answer.write(buffer, 0, n);
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }
}
