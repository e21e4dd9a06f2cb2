package io.mdw.batch.source.file;

import java.util.Iterator;

import io.mdw.batch.source.polygon.AggregatesPage;
import io.mdw.batch.source.polygon.AggregatesPageParser;
import io.mdw.batch.source.polygon.AggregatesPageParser.MalformedPageException;
import io.mdw.market.RawBar;
import io.mdw.text.ControlCharacters;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;

/** Bars from a file holding one response of the provider's aggregates API, e.g. a saved download or the bundled sample. */
public class PolygonJsonFileReader extends AbstractItemCountingItemStreamItemReader<RawBar> {

    private static final String EXPECTED = "expected a Polygon aggregates response, "
            + "{\"status\":\"OK\",\"results\":[{\"t\":...,\"o\":...,\"h\":...,\"l\":...,\"c\":...,\"v\":...}]}";

    private final Resource file;
    private Iterator<RawBar> bars;

    public PolygonJsonFileReader(Resource file) {
        this.file = file;
        setName("file");
    }

    /**
     * @throws IllegalArgumentException when the file is not JSON, or JSON of something else (every response of the
     *                                  provider has a status): a load of it would store nothing and look complete
     */
    @Override
    protected void doOpen() throws Exception {
        AggregatesPage page;
        try (var in = file.getInputStream()) {
            page = new AggregatesPageParser().parse(in.readAllBytes());
        } catch (JacksonException e) {
            // Jackson's "(start marker at [Source: REDACTED …])" locates nothing a user can find
            throw new IllegalArgumentException("the file is not JSON (" + e.getOriginalMessage().replaceAll(
                    " \\(start marker at \\[Source: [^\\]]*\\]\\)", "") + "; a file not named .csv is read as JSON); "
                    + EXPECTED);
        } catch (MalformedPageException e) {
            throw new IllegalArgumentException("the file is not a Polygon aggregates response (" + e.getMessage()
                    + "); " + EXPECTED);
        }
        if (page.status() == null) {
            throw new IllegalArgumentException("the file has no \"status\"; " + EXPECTED);
        }
        if (!page.statusHoldsBars()) {
            throw new IllegalArgumentException("the file is a Polygon error response (\"status\": \""
                    + ControlCharacters.escape(page.status())
                    + "\"), not bars; " + EXPECTED);
        }
        bars = page.bars();
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
