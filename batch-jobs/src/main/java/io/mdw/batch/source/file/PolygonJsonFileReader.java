package io.mdw.batch.source.file;

import java.util.Iterator;

import io.mdw.batch.source.polygon.AggregatesPageParser;
import io.mdw.market.RawBar;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.core.io.Resource;

/** Bars from a file holding one response of the provider's aggregates API, e.g. a saved download or the bundled sample. */
public class PolygonJsonFileReader extends AbstractItemCountingItemStreamItemReader<RawBar> {

    private final Resource file;
    private Iterator<RawBar> bars;

    public PolygonJsonFileReader(Resource file) {
        this.file = file;
        setName("file");
    }

    @Override
    protected void doOpen() throws Exception {
        try (var in = file.getInputStream()) {
            bars = new AggregatesPageParser().parse(in.readAllBytes()).bars();
        }
    }

    @Override
    protected RawBar doRead() {
        return bars.hasNext() ? bars.next() : null;
    }

    @Override
    protected void doClose() {
        bars = null;
    }
}
