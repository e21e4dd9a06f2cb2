package io.mdw.scheduling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A batch node's runner that records what it was asked to run, and where, then does what the test says. */
final class RecordingRunner implements LoadJobRunner {

    record Run(String requestId, String node, boolean recovering) {
    }

    @FunctionalInterface
    interface Work {
        void run(LoadRequest request) throws Exception;
    }

    private final String node;
    private final List<Run> runs;
    private final Work work;
    private final Outcome outcome;

    RecordingRunner(String node, List<Run> runs, Work work) {
        this(node, runs, work, Outcome.DONE);
    }

    /** @param outcome what each run ends with when its work does not throw */
    RecordingRunner(String node, List<Run> runs, Work work, Outcome outcome) {
        this.node = node;
        this.runs = runs;
        this.work = work;
        this.outcome = outcome;
    }

    static List<Run> sharedLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public Outcome run(LoadRequest request, boolean recovering) throws Exception {
        runs.add(new Run(request.requestId(), node, recovering));
        work.run(request);
        return outcome;
    }
}
