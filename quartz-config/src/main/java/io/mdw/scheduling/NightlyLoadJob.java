package io.mdw.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fired by the nightly cron trigger: submits one load request per active (symbol, timeframe), or none when the node it
 * fires on cannot load from the provider.
 */
@DisallowConcurrentExecution
final class NightlyLoadJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(NightlyLoadJob.class);

    private final LoadJobRunner runner;
    private final ActiveSeries activeSeries;
    private final NightlyWindows windows;
    private final LoadSubmissionService submissions;
    private final NightlyLoadProperties properties;

    NightlyLoadJob(LoadJobRunner runner, ActiveSeries activeSeries, NightlyWindows windows,
                   LoadSubmissionService submissions, NightlyLoadProperties properties) {
        this.runner = runner;
        this.activeSeries = activeSeries;
        this.windows = windows;
        this.submissions = submissions;
        this.properties = properties;
    }

    @Override
    public void execute(JobExecutionContext context) {
        Instant now = context.getFireTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate runDate = LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), properties.zone());
        Optional<String> providerUnavailable = runner.providerUnavailable();
        if (providerUnavailable.isPresent()) {
            log.warn("Nightly load of {} queued nothing: {}", runDate, providerUnavailable.get());
            return;
        }
        var requests = windows.requests(activeSeries.all(), now, runDate);
        long submitted = requests.stream().map(submissions::submit).filter(submission -> !submission.existing()).count();
        log.info("Nightly load of {}: {} jobs submitted, {} already queued or running",
                runDate, submitted, requests.size() - submitted);
    }
}
