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

    LoadJob(LoadJobRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        LoadRequest request = LoadRequestJobData.fromJobData(context.getJobDetail().getJobDataMap());
        log.info("Running load job {}{} on {}", request.requestId(), context.isRecovering() ? " (recovering)" : "",
                instanceId(context));
        try {
            runner.run(request, context.isRecovering());
        } catch (Exception e) {
            throw new JobExecutionException("load job " + request.requestId() + " failed", e, false);
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
