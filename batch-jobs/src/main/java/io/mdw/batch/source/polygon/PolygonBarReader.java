package io.mdw.batch.source.polygon;

import java.net.URI;
import java.util.Iterator;

import io.mdw.batch.load.BarOrigins;
import io.mdw.batch.load.SeriesWindow;
import io.mdw.market.RawBar;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Pages through the provider for one series and window, following next_url. Its cursor (the page being read and
 * how many of its bars were handed out) is saved with every chunk, so a restarted step re-requests only the page
 * it was in the middle of, never a page whose bars were all committed. A fetch that its load's stop cut short ends the
 * partition's step stopped, not failed: Spring Batch stops a step whose failure is a JobInterruptedException.
 */
public class PolygonBarReader implements ItemStreamReader<RawBar> {

    private static final String PAGE_URL = "polygon.page.url";
    private static final String PAGE_OFFSET = "polygon.page.offset";
    private static final String DONE = "done";

    private final PolygonClient client;
    private final SeriesWindow window;
    private final PolygonClient.RequestContext requestContext;
    private final BarOrigins origins;

    private URI pageUrl;
    private Iterator<RawBar> page;
    private Long pageRequestId;
    private int offset;
    private String nextUrl;

    public PolygonBarReader(PolygonClient client, SeriesWindow window, Long jobExecutionId, BarOrigins origins) {
        this.client = client;
        this.window = window;
        this.requestContext = new PolygonClient.RequestContext(window.symbol(), window.timeframe(), jobExecutionId);
        this.origins = origins;
    }

    @Override
    public void open(ExecutionContext context) {
        String saved = context.getString(PAGE_URL, null);
        if (DONE.equals(saved)) {
            pageUrl = null;
            return;
        }
        URI start = saved != null ? client.resolve(saved)
                : client.firstPage(window.providerTicker(), window.timeframe(), window.from(), window.to());
        try {
            load(start);
        } catch (JobInterruptedException stopped) {
            // ItemStream.open throws no checked exception: Spring Batch looks for it as the cause too
            throw new ItemStreamException(stopped.getMessage(), stopped);
        }
        int skip = context.getInt(PAGE_OFFSET, 0);
        for (int i = 0; i < skip && page.hasNext(); i++) {
            page.next();
        }
        offset = skip;
    }

    @Override
    public RawBar read() throws JobInterruptedException {
        if (pageUrl == null) {
            return null;
        }
        while (!page.hasNext()) {
            if (nextUrl == null) {
                return null;
            }
            load(client.resolve(nextUrl));
        }
        offset++;
        if (pageRequestId != null) {
            origins.read(pageRequestId);
        }
        return page.next();
    }

    @Override
    public void update(ExecutionContext context) {
        if (pageUrl == null || (!page.hasNext() && nextUrl == null)) {
            context.putString(PAGE_URL, DONE);
            context.putInt(PAGE_OFFSET, 0);
        } else if (!page.hasNext()) {
            context.putString(PAGE_URL, nextUrl);
            context.putInt(PAGE_OFFSET, 0);
        } else {
            context.putString(PAGE_URL, pageUrl.toString());
            context.putInt(PAGE_OFFSET, offset);
        }
    }

    private void load(URI url) throws JobInterruptedException {
        AggregatesPage fetched;
        try {
            fetched = client.fetch(url, requestContext);
        } catch (RetryStoppedException stopped) {
            JobInterruptedException interrupted = new JobInterruptedException(stopped.getMessage());
            interrupted.initCause(stopped);
            throw interrupted;
        }
        pageUrl = url;
        pageRequestId = fetched.requestId();
        page = fetched.bars();
        offset = 0;
        nextUrl = fetched.nextUrl();
    }
}
