package io.mdw.api.bars;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** The streaming writer of bars makes exactly the JSON that the application's mapper makes of the record. */
class BarJsonTest extends ApiTestSupport {

    @Autowired
    JsonMapper applicationMapper;

    static List<Bar> bars() {
        BarFeatures features = new BarFeatures(0.0123, 0.0122, null, 0.02, 1.5, 1.2e9, 101.25, 99.5, 100.75, 100.1,
                0.65, 0.5, 61.2, 2.1, 0.18, 0.2, 105.0, 97.5, 1.1e6, 0.93, "up", "bullish");
        return List.of(
                Bar.of(null, Instant.parse("2026-03-09T14:30:00Z"), "187.15", "188.4400", "186.9", "188.01",
                        "52301442", "187.7731", 612345L, "1.00", true, List.of(), 0, "polygon", null, null),
                Bar.of("X:ETHUSD", Instant.parse("2023-03-13T18:05:00Z"), "0.00000012", "1000", "1665.4", "1670.41",
                        "147.3332", null, null, "0.55", false, List.of("price_gap", "volume_spike"), 3, "file", 12,
                        features),
                Bar.of("AAPL", Instant.parse("0999-12-31T23:59:59.123Z"), "1", "10", "0", "1", "0", "1", 0L, "0",
                        false, List.of("missing_bars"), 1, "csv \"quoted\"", null,
                        new BarFeatures(null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null, null, null, null, null, null)),
                Bar.of(null, Instant.parse("2026-11-24T05:00:00.000250Z"), "1", "1", "1", "1", "1", null, null, "1",
                        true, List.of(), 0, "polygon", null, null));
    }

    @ParameterizedTest
    @MethodSource("bars")
    void writesWhatTheApplicationMapperWrites(Bar bar) {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (JsonGenerator json = applicationMapper.createGenerator(streamed)) {
            BarJson.write(json, bar);
        }

        assertThat(streamed.toString()).isEqualTo(applicationMapper.writeValueAsString(bar));
    }
}
