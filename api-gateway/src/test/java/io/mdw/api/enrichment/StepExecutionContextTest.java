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
    void storedTimesAndCountsAreReadAndAbsentOnesAreNullAndZero() throws IOException {
        StepExecutionContext context = StepExecutionContext.read(encode(Map.of("series.symbol", "AAPL",
                "series.lastAccepted", 1_714_622_400_000L, "load.stored", 42L)));

        assertThat(context.epochMillis("series.lastAccepted")).isEqualTo(Instant.parse("2024-05-02T04:00:00Z"));
        assertThat(context.epochMillis("series.other")).isNull();
        assertThat(context.count("load.stored")).isEqualTo(42);
        assertThat(context.count("load.rejected")).isZero();
        assertThat(StepExecutionContext.read(null).epochMillis("series.lastAccepted")).isNull();
    }

    @Test
    void aContextHoldingOtherThanJdkValuesOrNotBase64IsNotReadBack() throws IOException {
        String withAList = encode(Map.of("series.lastAccepted", 1L, "pages", new ArrayList<>(List.of("a"))));

        assertThat(StepExecutionContext.read(withAList).epochMillis("series.lastAccepted")).isNull();
        assertThat(StepExecutionContext.read("{\"series.lastAccepted\": 1}").epochMillis("series.lastAccepted")).isNull();
    }

    private static String encode(Map<String, Object> context) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(Base64.getEncoder().wrap(bytes))) {
            out.writeObject(new HashMap<>(context));
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
