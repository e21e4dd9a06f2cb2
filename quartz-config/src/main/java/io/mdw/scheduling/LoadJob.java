package io.mdw.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz side of a load request: hands it to the node's {@link LoadJobRunner}. */
@DisallowConcurrentExecution
final class LoadJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(LoadJob.class);

    private final LoadJobRunner runner;
    private final LoadSubmissionService submissions;

    LoadJob(LoadJobRunner runner, LoadSubmissionService submissions) {
        this.runner = runner;
        this.submissions = submissions;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        LoadRequest request = LoadRequestJobData.fromJobData(context.getJobDetail().getJobDataMap());
        log.info("Running load job {}{} on {}", request.requestId(), context.isRecovering() ? " (recovering)" : "",
                instanceId(context));
        LoadJobRunner.Outcome outcome;
        try {
            outcome = runner.run(request, context.isRecovering());
        } catch (Exception e) {
            throw new JobExecutionException("load job " + request.requestId() + " failed", e, false);
        }
        if (outcome == LoadJobRunner.Outcome.STOPPED_BY_SHUTDOWN) {
            // the scheduler stores triggers until the last running job has ended, this one included
            submissions.requeue(request.requestId());
            log.info("Load job {} stopped as {} shuts down; queued again to resume on a running node", request.requestId(),
                    instanceId(context));
        }
    }

    private static String instanceId(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "?";
        }
    }
}
