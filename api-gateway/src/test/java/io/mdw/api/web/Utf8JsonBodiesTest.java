package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A JSON body is UTF-8 (RFC 8259, 8.1), and bytes that are not are refused, not read as the character they resemble:
 * Jackson reads the overlong C1 81 as 'A', so a key named with it was stored under another name than the bytes sent.
 */
class Utf8JsonBodiesTest extends ApiTestSupport {

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("an overlong 'A' (C1 81)", new byte[] {(byte) 0xC1, (byte) 0x81}, 14),
                Arguments.of("an overlong '/' (C0 AF)", new byte[] {(byte) 0xC0, (byte) 0xAF}, 14),
                Arguments.of("an overlong 'A' in three bytes (E0 81 81)",
                        new byte[] {(byte) 0xE0, (byte) 0x81, (byte) 0x81}, 14),
                Arguments.of("a code point past U+10FFFF (F4 90 80 80)",
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 14),
                Arguments.of("a Latin-1 'é' (E9)", new byte[] {(byte) 0xE9, 'x'}, 14));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aBodyThatIsNotUtf8IsRefusedSayingWhere(String what, byte[] inName, int offset) {
        long keys = jdbc.queryForObject("SELECT count(*) FROM api_keys", Long.class);
        problem(createKey(body(inName)), 400, "The request body is not UTF-8 (byte " + offset + ",");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys", Long.class)).isEqualTo(keys);
    }

    @Test
    void aUtf8BodyIsReadAsSent() {
        byte[] euro = "€-ü".getBytes(StandardCharsets.UTF_8);
        json(createKey(body(euro)).expectStatus().isCreated());
        assertThat(jdbc.queryForList("SELECT name FROM api_keys WHERE name LIKE 'utf8-%'", String.class))
                .containsExactly("utf8-€-ü");
    }

    /** {"name":"utf8-<bytes>","scopes":["read"]}: the bytes start at offset 14. */
    private static byte[] body(byte[] inName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\":\"utf8-".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(inName);
        body.writeBytes("\",\"scopes\":[\"read\"]}".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private WebTestClient.ResponseSpec createKey(byte[] body) {
        return client.post().uri("/api/v1/admin/api-keys").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
