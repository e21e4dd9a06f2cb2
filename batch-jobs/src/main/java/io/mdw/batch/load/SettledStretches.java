package io.mdw.batch.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.Rejected;

/**
 * The stretches of a provider's answer it has settled, chunk after chunk. The answer comes in time order, so between
 * two bars it sent one after the other it holds no other bar: a bar stored there is one the provider withdrew. What
 * the answer may not reach is never settled: the stretch before the first bar this run was sent (on a restart, the
 * first after it) and after the last. Nor is the stretch around an item the rules refused, which may be any bar (its
 * time unreadable or misread). A chunk with an item out of order settles nothing, nor does any after it: the answer is
 * not in time order (a bar sent late, chunks after its place, may have been withdrawn by then, as a full rebuild from
 * the answer would refuse it).
 */
final class SettledStretches {

    /** Between {@code after} and {@code before}, both excluded, the provider sent the bars at {@code sent} and no other. */
    record Stretch(Instant after, Instant before, List<Instant> sent) {
    }

    /** The last bar accepted, while the stretch after it can be settled; null while it cannot. */
    private Instant lastAccepted;
    /** The latest time sent, accepted or refused: an item at or before it is out of order. */
    private Instant latest;
    private boolean inOrder = true;

    /** The stretches the chunk's items settled, following those of the chunks before. */
    List<Stretch> settledBy(List<? extends ProcessedItem> items) {
        Instant after = lastAccepted;
        List<Instant> sent = new ArrayList<>();
        List<Stretch> stretches = new ArrayList<>();
        for (ProcessedItem item : items) {
            Instant time = item instanceof Accepted accepted ? accepted.bar().time()
                    : item instanceof Rejected rejected ? rejected.time() : null;
            if (time != null) {
                inOrder &= latest == null || time.isAfter(latest);
                latest = latest == null || time.isAfter(latest) ? time : latest;
            }
            if (item instanceof Rejected) {
                addStretch(stretches, after, sent);
                after = null;
                sent = new ArrayList<>();
            } else if (after == null) {
                after = time;
            } else {
                sent.add(time);
            }
        }
        addStretch(stretches, after, sent);
        lastAccepted = sent.isEmpty() ? after : sent.get(sent.size() - 1);
        return inOrder ? stretches : List.of();
    }

    /** From {@code after} to the last bar sent after it, with those sent between. */
    private static void addStretch(List<Stretch> stretches, Instant after, List<Instant> sent) {
        if (after != null && !sent.isEmpty()) {
            stretches.add(new Stretch(after, sent.get(sent.size() - 1), List.copyOf(sent.subList(0, sent.size() - 1))));
        }
    }
}
