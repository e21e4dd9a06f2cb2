package io.mdw.market;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real Polygon sample (ETH/USD 5-minute bars, 580 of them), read with the number tokens' exact text. */
public final class SampleBars {

    public static final String RESOURCE = "/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json";

    private static List<RawBar> raw;

    private SampleBars() {
    }

    public static synchronized List<RawBar> raw() {
        if (raw == null) {
            raw = List.copyOf(read());
        }
        return raw;
    }

    public static List<Bar> bars() {
        return raw().stream().map(SampleBars::toBar).toList();
    }

    public static Bar toBar(RawBar raw) {
        return new Bar(Instant.ofEpochMilli(Long.parseLong(raw.t())), new BigDecimal(raw.o()), new BigDecimal(raw.h()),
                new BigDecimal(raw.l()), new BigDecimal(raw.c()), new BigDecimal(raw.v()),
                raw.vw() == null ? null : new BigDecimal(raw.vw()), raw.n() == null ? null : Long.valueOf(raw.n()));
    }

    private static List<RawBar> read() {
        List<RawBar> bars = new ArrayList<>();
        try (InputStream in = SampleBars.class.getResourceAsStream(RESOURCE);
             JsonParser parser = JsonMapper.builder().build().createParser(in)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.PROPERTY_NAME && "results".equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> fields = new HashMap<>();
                        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                            String name = parser.currentName();
                            parser.nextToken();
                            fields.put(name, parser.getString());
                        }
                        bars.add(new RawBar(fields.get("t"), fields.get("o"), fields.get("h"), fields.get("l"),
                                fields.get("c"), fields.get("v"), fields.get("vw"), fields.get("n")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bars;
    }
}
