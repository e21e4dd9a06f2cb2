package io.mdw.batch.load;

/**
 * Whether going over a series' stored bars again has stopped changing them: once a whole chunk is stored as it was,
 * past the bars whose windows reach back into what the load wrote, every value the pipeline carries from bar to bar
 * (the averages, Wilder's state, the windows) is as stored, and so is every bar after. Shared by a partition's reader,
 * which then stops, and its writer, which tells. Not final: step-scoped beans are proxied.
 */
public class SeriesConvergence {

    private final int barsReachingBack;
    private long barsWritten;
    private boolean reached;

    public SeriesConvergence(int barsReachingBack) {
        this.barsReachingBack = barsReachingBack;
    }

    void chunkWritten(int bars, boolean changedAny) {
        barsWritten += bars;
        reached = reached || !changedAny && barsWritten >= barsReachingBack;
    }

    boolean reached() {
        return reached;
    }
}
