package io.mdw.batch.source.polygon;

import java.util.Iterator;
import java.util.List;

import io.mdw.market.RawBar;

/**
 * One page of the aggregates endpoint: its status, how many bars it holds, and where the next page is (null on
 * the last). The page keeps the response body, already checked to be whole, and turns it into bars only as they
 * are read: a page of 50,000 bars then stays one byte array instead of a million small objects that outlive many
 * young collections.
 */
public final class AggregatesPage {

    private final String status;
    private final int resultsCount;
    private final String nextUrl;
    private final byte[] body;
    private final Long requestId;

    AggregatesPage(String status, int resultsCount, String nextUrl, byte[] body) {
        this(status, resultsCount, nextUrl, body, null);
    }

    private AggregatesPage(String status, int resultsCount, String nextUrl, byte[] body, Long requestId) {
        this.status = status;
        this.resultsCount = resultsCount;
        this.nextUrl = nextUrl;
        this.body = body;
        this.requestId = requestId;
    }

    /** The same page, with the id its request was recorded under (provider_requests). */
    AggregatesPage recordedAs(Long id) {
        return new AggregatesPage(status, resultsCount, nextUrl, body, id);
    }

    /** The id of the request that fetched it in provider_requests; null when requests are not recorded. */
    public Long requestId() {
        return requestId;
    }

    public String status() {
        return status;
    }

    /** Whether the status is one of an answer with bars: OK, or DELAYED (a plan's delayed data); else an error. */
    public boolean statusHoldsBars() {
        return "OK".equals(status) || "DELAYED".equals(status);
    }

    public int resultsCount() {
        return resultsCount;
    }

    public String nextUrl() {
        return nextUrl;
    }

    /** The bars, parsed one at a time as the iterator advances. */
    public Iterator<RawBar> bars() {
        return resultsCount == 0 ? List.<RawBar>of().iterator() : AggregatesPageParser.results(body);
    }
}
