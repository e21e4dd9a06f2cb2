package io.mdw.batch.source.polygon;

import java.util.List;

import io.mdw.market.RawBar;

/** One page of the aggregates endpoint: its bars, and where the next page is (null on the last). */
public record AggregatesPage(String status, List<RawBar> results, String nextUrl) {
}
