package io.mdw.batch.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.mdw.batch.source.polygon.AggregatesPageParser;
import io.mdw.market.RawBar;

/** The bundled sample: 580 real 5-minute ETH/USD bars in the provider's format. */
public final class SampleBars {

    public static final String TICKER = "X:ETHUSD";

    private SampleBars() {
    }

    public static List<RawBar> load() {
        try (InputStream in = SampleBars.class.getResourceAsStream("/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json")) {
            List<RawBar> bars = new ArrayList<>();
            new AggregatesPageParser().parse(in.readAllBytes()).bars().forEachRemaining(bars::add);
            return bars;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
