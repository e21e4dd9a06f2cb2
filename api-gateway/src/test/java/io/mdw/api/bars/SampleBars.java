package io.mdw.api.bars;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bundled real Polygon sample (580 ETH/USD 5-minute bars), with prices read as exact decimals. */
record SampleBars(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    static List<SampleBars> load() {
        JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        try (InputStream in = SampleBars.class.getResourceAsStream("/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json")) {
            JsonNode root = mapper.readTree(in);
            List<SampleBars> bars = new ArrayList<>();
            for (JsonNode r : root.get("results")) {
                bars.add(new SampleBars(Instant.ofEpochMilli(r.get("t").longValue()), r.get("o").decimalValue(),
                        r.get("h").decimalValue(), r.get("l").decimalValue(), r.get("c").decimalValue(),
                        r.get("v").decimalValue()));
            }
            return bars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
