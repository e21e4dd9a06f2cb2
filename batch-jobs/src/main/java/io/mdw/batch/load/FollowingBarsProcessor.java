package io.mdw.batch.load;

import io.mdw.pipeline.Accepted;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Takes a stored bar through the pipeline again, seeded with the series as it now stands before it; a bar the
 * pipeline would refuse now (a threshold changed since) stays as stored.
 */
public class FollowingBarsProcessor implements ItemProcessor<StoredBar, FollowingBarsProcessor.Recomputed>, ItemStream {

    /** A stored bar with its flags, score and features computed again, and where it first came from. */
    public record Recomputed(Accepted accepted, String source) {
    }

    private final SeriesItemProcessor pipeline;

    public FollowingBarsProcessor(SeriesItemProcessor pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Recomputed process(StoredBar stored) {
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
