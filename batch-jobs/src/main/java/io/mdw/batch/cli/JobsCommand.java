package io.mdw.batch.cli;

import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import io.mdw.batch.load.LoadJobHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Recent loads with status and progress. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List queued and recent loads, the most "
        + "recently started first (a load not started yet by when it was submitted).")
class JobsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", defaultValue = "20", description = "how many recent loads (default 20)")
    int limit;

    @Override
    public Integer call() {
        try (var context = BatchContext.records()) {
            var out = spec.commandLine().getOut();
            var jobs = context.getBean(LoadJobHistory.class).recent(limit);
            // ids differ in length (load-<uuid>, nightly-<fire time>-<series>)
            String id = "%-" + jobs.stream().mapToInt(job -> job.requestId().length()).max().orElse(3) + "s";
            out.printf(id + " %-10s %-19s %-9s %-9s %-9s %-5s %s%n", "JOB", "STATUS", "STARTED", "PARTS",
                    "STORED", "REJECTED", "RUNS", "SERIES");
            for (var job : jobs) {
                out.printf(id + " %-10s %-19s %-9s %-9d %-9d %-5d %s %s%s%n", job.requestId(), job.status(),
                        job.started() == null ? "-" : TIME.format(job.started()),
                        job.partitionsDone() + "/" + job.partitions(), job.counters().stored(),
                        job.counters().rejected(), job.executions(), String.join(",", job.symbols()), job.timeframes(),
                        job.error() == null ? "" : "  (" + job.error() + ")");
            }
            out.flush();
        }
        return 0;
    }
}
