package io.mdw.scheduling;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fired by the nightly cron trigger: submits one load request per active (symbol, timeframe), or none when the node it
 * fires on cannot load from the provider. Each fire loads (the cron may fire several times a day); a series still
 * queued or running from an earlier fire or another request is left to that load.
 */
@DisallowConcurrentExecution
final class NightlyLoadJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(NightlyLoadJob.class);

    private final LoadJobRunner runner;
    private final ActiveSeries activeSeries;
    private final NightlyWindows windows;
    private final LoadSubmissionService submissions;

    NightlyLoadJob(LoadJobRunner runner, ActiveSeries activeSeries, NightlyWindows windows,
                   LoadSubmissionService submissions) {
        this.runner = runner;
        this.activeSeries = activeSeries;
        this.windows = windows;
        this.submissions = submissions;
    }

    @Override
    public void execute(JobExecutionContext context) {
        Instant now = context.getFireTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        Instant occurrence = scheduledFireTime(context);
        Optional<String> providerUnavailable = runner.providerUnavailable();
        if (providerUnavailable.isPresent()) {
            log.warn("Nightly load of {} queued nothing: {}", occurrence, providerUnavailable.get());
            return;
        }
        int submitted = 0;
        int active = 0;
        int submittedBefore = 0;
        for (LoadRequest request : windows.requests(activeSeries.all(), now, occurrence)) {
            Submission submission = submissions.submit(request);
            if (!submission.existing()) {
                submitted++;
            } else if (submission.repeats(request)) {
                submittedBefore++;
            } else {
                active++;
            }
        }
        log.info("Nightly load of {}: {} jobs submitted, {} already queued or running{}", occurrence, submitted, active,
                submittedBefore == 0 ? "" : ", " + submittedBefore + " submitted before by this same run");
    }

    /**
     * The fire this run belongs to. A run recovered after its node died has a recovery trigger of its own, which keeps
     * the scheduled time of the fire it runs again: that one, so that it names its loads as the first attempt did.
     * A misfire is scheduled "now", to the millisecond; cron times are whole seconds.
     */
    private static Instant scheduledFireTime(JobExecutionContext context) {
        String recovered = context.isRecovering() ? context.getMergedJobDataMap()
                .getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS) : null;
        Instant scheduled = recovered != null ? Instant.ofEpochMilli(Long.parseLong(recovered))
                : context.getScheduledFireTime().toInstant();
        return scheduled.truncatedTo(ChronoUnit.SECONDS);
    }
}
