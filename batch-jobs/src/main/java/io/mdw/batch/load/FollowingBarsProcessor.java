package io.mdw.batch.load;

import java.time.Instant;

import io.mdw.pipeline.Accepted;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Takes a stored bar through the pipeline again, seeded with the series as it now stands before it; a bar the
 * pipeline would refuse now (a threshold changed since) stays as stored. A stored bar of the loaded window after the
 * last bar of the provider's complete answer is not in that answer: it is withdrawn, and the series goes on without it.
 */
public class FollowingBarsProcessor implements ItemProcessor<StoredBar, FollowingBarsProcessor.Outcome>, ItemStream {

    /** What becomes of a stored bar gone over again. */
    public sealed interface Outcome permits Recomputed, Withdrawn {
    }

    /** A stored bar with its flags, score and features computed again, and where it first came from. */
    public record Recomputed(Accepted accepted, String source) implements Outcome {
    }

    /** A stored bar the provider's answer for its window no longer holds. */
    public record Withdrawn(Instant time) implements Outcome {
    }

    private final SeriesItemProcessor pipeline;
    private final Instant withdrawnBefore;

    /**
     * @param withdrawnBefore the stored bars before it are withdrawn: the end of the window the provider answered, or
     *                        for a file, which withdraws nothing, the start of the bars to go over
     */
    public FollowingBarsProcessor(SeriesItemProcessor pipeline, Instant withdrawnBefore) {
        this.pipeline = pipeline;
        this.withdrawnBefore = withdrawnBefore;
    }

    @Override
    public Outcome process(StoredBar stored) {
        if (stored.time().isBefore(withdrawnBefore)) {
            return new Withdrawn(stored.time());
        }
        return pipeline.process(stored.raw()) instanceof Accepted accepted
                ? new Recomputed(accepted, stored.source()) : null;
    }

    @Override
    public void open(ExecutionContext context) {
        pipeline.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        pipeline.update(context);
    }
}
