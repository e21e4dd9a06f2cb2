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

    RecordingRunner(String node, List<Run> runs, Work work) {
        this.node = node;
        this.runs = runs;
        this.work = work;
    }

    static List<Run> sharedLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public void run(LoadRequest request, boolean recovering) throws Exception {
        runs.add(new Run(request.requestId(), node, recovering));
        work.run(request);
    }
}
