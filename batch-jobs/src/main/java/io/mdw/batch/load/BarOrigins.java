package io.mdw.batch.load;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.ProcessedItem;

/**
 * Which provider request each bar a partition reads came from, in the order read, until the writer has counted
 * them. The processor turns each bar read from the provider into exactly one item, in order (it skips bars of a file
 * only), so a chunk's items are the next bars read. Bars read from a file have no request: their reader records
 * nothing. Not final: step-scoped beans are proxied.
 */
public class BarOrigins {

    /** Runs of consecutive bars from one request: {request id, bars}. */
    private final ArrayDeque<long[]> runs = new ArrayDeque<>();

    /** One more bar read, from this request. */
    public void read(long requestId) {
        long[] last = runs.peekLast();
        if (last != null && last[0] == requestId) {
            last[1]++;
        } else {
            runs.addLast(new long[] {requestId, 1});
        }
    }

    /**
     * How many of these items, the next ones read, are bars stored new or changed (their times among {@code stored}),
     * by the request they came from; forgets the items.
     */
    Map<Long, Integer> storedByRequest(List<? extends ProcessedItem> items, Set<Instant> stored) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (ProcessedItem item : items) {
            long[] run = runs.peekFirst();
            if (run == null) {
                break;
            }
            if (item instanceof Accepted accepted && stored.contains(accepted.bar().time())) {
                counts.merge(run[0], 1, Integer::sum);
            }
            if (--run[1] == 0) {
                runs.removeFirst();
            }
        }
        return counts;
    }
}
