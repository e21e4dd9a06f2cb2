package io.mdw.scheduling;

import java.util.List;
import java.util.Optional;
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
    private final Optional<String> providerUnavailable;

    RecordingRunner(String node, List<Run> runs, Work work) {
        this(node, runs, work, Outcome.DONE);
    }

    /** @param outcome what each run ends with when its work does not throw */
    RecordingRunner(String node, List<Run> runs, Work work, Outcome outcome) {
        this(node, runs, work, outcome, Optional.empty());
    }

    private RecordingRunner(String node, List<Run> runs, Work work, Outcome outcome,
                            Optional<String> providerUnavailable) {
        this.node = node;
        this.runs = runs;
        this.work = work;
        this.outcome = outcome;
        this.providerUnavailable = providerUnavailable;
    }

    /** This runner on a node that cannot load from the provider, for the given reason. */
    RecordingRunner withoutProvider(String reason) {
        return new RecordingRunner(node, runs, work, outcome, Optional.of(reason));
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

    @Override
    public Optional<String> providerUnavailable() {
        return providerUnavailable;
    }
}
