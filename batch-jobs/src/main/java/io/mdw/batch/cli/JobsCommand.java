package io.mdw.batch.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import io.mdw.batch.load.LoadJobHistory;
import io.mdw.scheduling.LoadRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Recent loads with status and progress. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List queued and recent loads, newest "
        + "first: a queued load by when it was queued, another by when it last started.")
class JobsCommand implements Callable<Integer> {

    /** In this process's zone, as Spring Batch records its times. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", defaultValue = "20", description = "how many recent loads (default 20)")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        try (var context = BatchContext.records()) {
            var out = spec.commandLine().getOut();
            var jobs = context.getBean(LoadJobHistory.class).recent(limit);
            // ids differ in length (load-<uuid>, nightly-<fire time>-<series>)
            String id = "%-" + jobs.stream().mapToInt(job -> job.load().requestId().length()).max().orElse(3) + "s";
            out.printf(id + " %-11s %-19s %-9s %-9s %-9s %-5s %s%n", "JOB", "STATUS", "STARTED", "PARTS",
                    "STORED", "REJECTED", "RUNS", "SERIES");
            for (var job : jobs) {
                LoadRecord load = job.load();
                out.printf(id + " %-11s %-19s %-9s %-9d %-9d %-5d %s %s%s%n", load.requestId(), load.status(),
                        load.startedAt() == null ? "-" : TIME.format(load.startedAt()),
                        job.partitionsDone() + "/" + job.load().partitions(), job.counters().stored(),
                        job.counters().rejected(), load.runs(), String.join(",", load.symbols()),
                        String.join(",", load.timeframes()), load.error() == null ? "" : "  (" + load.error() + ")");
            }
            out.flush();
        }
        return 0;
    }
}
