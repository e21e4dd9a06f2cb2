package io.mdw.batch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.mdw.batch.load.LoadCounters;
import io.mdw.batch.load.LoadJobHistory;
import io.mdw.batch.load.LoadLauncher;
import io.mdw.batch.warehouse.RejectStore;
import io.mdw.scheduling.LoadRequestFields;
import io.mdw.text.ControlCharacters;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Model.CommandSpec;

/** A load run in the foreground, and its closing lines: totals, and on failure the reason and how to resume. */
final class LoadReport {

    private static final int REJECTIONS_SHOWN = 5;

    /** Starts (or restarts) a load with the launcher and returns the execution once it has ended. */
    @FunctionalInterface
    interface Load {
        JobExecution run(LoadLauncher launcher) throws Exception;
    }

    /** A load that needs more of the application than the launcher (e.g. to audit what it starts). */
    @FunctionalInterface
    interface LoadInContext {
        JobExecution run(LoadLauncher launcher, ApplicationContext context) throws Exception;
    }

    private LoadReport() {
    }

    /** Runs the load in a batch application started for this command, prints the summary, returns the exit status. */
    static int runInForeground(CommandSpec spec, Load load) throws Exception {
        return runInForeground(spec, (launcher, context) -> load.run(launcher));
    }

    static int runInForeground(CommandSpec spec, LoadInContext load) throws Exception {
        try (var context = BatchContext.start()) {
            Instant started = Instant.now();
            JobExecution execution = load.run(context.getBean(LoadLauncher.class), context);
            return print(execution, context.getBean(LoadJobHistory.class), context.getBean(RejectStore.class),
                    Duration.between(started, Instant.now()), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /**
     * Prints the summary and returns the exit status: 0 when the job completed, 1 otherwise. The totals are the load's,
     * over all its runs; the rate is this run's.
     */
    static int print(JobExecution execution, LoadJobHistory history, RejectStore rejects, Duration took,
            PrintWriter out, PrintWriter err) {
        LoadCounters total = history.countersOf(execution);
        long storedThisRun = total.stored() - history.countersBefore(execution).stored();
        out.println(summary(execution.getStatus(), total, storedThisRun, took));
        if (total.rejected() > 0) {
            printRejections(history.runsOf(execution), total.rejected(), rejects, out);
        }
        out.printf("job execution %d, request %s: %s%n", execution.getId(),
                execution.getJobParameters().getString(LoadRequestFields.REQUEST_ID), execution.getStatus());
        out.flush();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return 0;
        }
        err.println("load " + outcome(execution.getStatus()) + ": " + LoadLauncher.failureReason(execution)
                + " (details in MDW_HOME/logs/cli.log; once the cause is fixed, ./mdw restart resumes it)");
        err.flush();
        return 1;
    }

    /** The first line: the load's totals over all its runs, what was skipped or withdrawn if any, and this run's rate. */
    static String summary(BatchStatus status, LoadCounters total, long storedThisRun, Duration took) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT,
                "%s: stored %d bars, rejected %d, validated %s, gaps %d%s%s (%s%.1f s, %.0f bars/s)", outcome(status),
                total.stored(), total.rejected(), total.validatedShare(), total.gaps(),
                total.skipped() == 0 ? "" : ", skipped " + total.skipped() + " outside the window",
                total.withdrawn() == 0 ? "" : ", withdrew " + total.withdrawn() + " no longer in the provider's answer",
                storedThisRun == total.stored() ? "" : storedThisRun + " in this run, ", seconds,
                storedThisRun / seconds);
    }

    /** Why the first items were refused, so that a bad file can be fixed without reading the warehouse's tables. */
    private static void printRejections(List<Long> runs, long rejected, RejectStore rejects, PrintWriter out) {
        List<RejectStore.Rejection> first = rejects.firstOf(runs, REJECTIONS_SHOWN);
        for (RejectStore.Rejection rejection : first) {
            out.printf("rejected %s %s: %s%n", rejection.symbol(), rejection.timeframe(),
                    ControlCharacters.escape(rejection.reason()));
        }
        if (rejected > first.size()) {
            out.printf("%s kept with their reasons in the warehouse's rejected_bars (job_execution_id %s)%n",
                    first.isEmpty() ? "the rejected items are" : "and " + (rejected - first.size()) + " more,",
                    runs.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    private static String outcome(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> "done";
            case STOPPED -> "stopped";
            default -> "failed";
        };
    }
}
