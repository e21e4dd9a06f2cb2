package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How Accept-Encoding is read (RFC 9110, 12.5.3): whether an answer may be gzip-compressed. */
class GzipOnlyCompressionTest {

    @Test
    void gzipIsAcceptedWhenNamedWithoutQZeroOrCoveredByAStar() {
        for (String accepted : List.of("gzip", "GZIP", "x-gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.2", "*",
                "br, *;q=0.5", "gzip;q=0, gzip", "*;q=0, *", "gzip ; q=0.8", "gzip,;")) {
            assertThat(GzipOnlyCompression.acceptsGzip(List.of(accepted))).as(accepted).isTrue();
        }
        assertThat(GzipOnlyCompression.acceptsGzip(List.of("br", "gzip"))).as("two header lines").isTrue();
    }

    @Test
    void gzipIsRefusedByQZeroOrByNotBeingNamed() {
        for (String refused : List.of("identity", "br, zstd", "gzip;q=0", "gzip;q=0, *", "*;q=0", "gzip;q=abc", "",
                ";", ";;;", ",,,", "q=1", "gzip;q=")) {
            assertThat(GzipOnlyCompression.acceptsGzip(List.of(refused))).as(refused).isFalse();
        }
    }
}
