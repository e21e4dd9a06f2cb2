package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;

/**
 * A successful read carries the caching and security headers Spring Security writes, with a key or without one,
 * whether it is sent whole or streamed: public reads without a key skip Spring Security's filter chain.
 */
class SecurityHeadersTest extends ApiTestSupport {

    private static final String SYMBOL = "X:HEADERSUSD";
    private static final String RANGE = "start=2023-03-13&end=2023-03-14";
    private static final List<String> NAMES = List.of("Cache-Control", "Pragma", "Expires", "X-Content-Type-Options",
            "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy");

    static Stream<String> reads() {
        return Stream.of("/api/v1/historical/" + SYMBOL + "?" + RANGE,
                "/api/v1/historical/" + SYMBOL + "?format=csv&" + RANGE,
                "/api/v1/bars?symbols=" + SYMBOL + "&format=ndjson&" + RANGE,
                "/api/v1/symbols", "/api/v1/status", "/health");
    }

    @BeforeEach
    void oneDailyBar() {
        oneDailyBar(SYMBOL);
    }

    @ParameterizedTest
    @MethodSource("reads")
    void aPublicReadCarriesTheHeadersItCarriesWithAKey(String path) {
        HttpHeaders withKey = client.get().uri(path).header("X-API-Key", ADMIN_KEY).exchange()
                .expectStatus().isOk().returnResult(byte[].class).getResponseHeaders();
        HttpHeaders withoutKey = client.get().uri(path).exchange()
                .expectStatus().isOk().returnResult(byte[].class).getResponseHeaders();

        assertThat(withKey.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(withKey.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        for (String name : NAMES) {
            assertThat(withoutKey.get(name)).as(name).isEqualTo(withKey.get(name));
        }
    }
}
