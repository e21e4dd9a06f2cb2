package io.mdw.batch.source.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PolygonPropertiesTest {

    @Test
    void printedSettingsSayWhetherTheKeyIsSetButNeverShowIt() {
        PolygonProperties properties = new PolygonProperties("SECRET-POLY-123456", URI.create("https://api.polygon.io"), 5,
                50_000, Duration.ofSeconds(30), 6, Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofSeconds(30));

        assertThat(properties.toString()).doesNotContain("SECRET").contains("apiKey=(set)", "baseUrl=https://api.polygon.io");
    }
}
