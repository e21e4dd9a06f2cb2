package io.mdw.api.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Contexts encoded as Spring Batch's default serializer encodes them: a HashMap, Java-serialized, in Base64. */
class StepExecutionContextTest {

    @Test
    void aStoredTimeIsReadAndAnAbsentOneIsNull() throws IOException {
        String stored = encode(Map.of("series.symbol", "AAPL", "series.lastAccepted", 1_714_622_400_000L));

        assertThat(StepExecutionContext.epochMillis(stored, "series.lastAccepted"))
                .isEqualTo(Instant.parse("2024-05-02T04:00:00Z"));
        assertThat(StepExecutionContext.epochMillis(stored, "series.other")).isNull();
        assertThat(StepExecutionContext.epochMillis(null, "series.lastAccepted")).isNull();
    }

    @Test
    void aContextHoldingOtherThanJdkValuesOrNotBase64IsNotReadBack() throws IOException {
        String withAList = encode(Map.of("series.lastAccepted", 1L, "pages", new ArrayList<>(List.of("a"))));

        assertThat(StepExecutionContext.epochMillis(withAList, "series.lastAccepted")).isNull();
        assertThat(StepExecutionContext.epochMillis("{\"series.lastAccepted\": 1}", "series.lastAccepted")).isNull();
    }

    private static String encode(Map<String, Object> context) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(Base64.getEncoder().wrap(bytes))) {
            out.writeObject(new HashMap<>(context));
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
