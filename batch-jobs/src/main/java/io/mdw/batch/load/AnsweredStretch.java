package io.mdw.batch.load;

import java.time.Instant;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How far a load has settled the provider's answer for its window, kept in the partition's execution context (so a
 * restart goes on from its last committed chunk). The provider answers in time order (sort=asc) and the pipeline
 * refuses a bar out of order, so once a chunk is written the answer has said all it will up to the chunk's last bar:
 * a stored bar of that stretch the answer did not hold, a full rebuild would not have. A chunk settles from just after
 * the last bar settled before it (the window's start at first) through its own last bar; what follows the answer's
 * last bar is settled only once the answer is complete (by {@link FollowingBarsPartitioner}).
 */
final class AnsweredStretch {

    private static final String SETTLED_THROUGH = "answer.settledThrough";

    private AnsweredStretch() {
    }

    /** Where the next chunk's stretch starts. */
    static Instant unsettledFrom(ExecutionContext context, SeriesWindow window) {
        return context.containsKey(SETTLED_THROUGH)
                ? Instant.ofEpochMilli(context.getLong(SETTLED_THROUGH)).plusMillis(1) : window.from();
    }

    static void settledThrough(ExecutionContext context, Instant lastBar) {
        context.putLong(SETTLED_THROUGH, lastBar.toEpochMilli());
    }
}
