package io.mdw.batch.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops the loads running in this process when it shuts down: each ends STOPPED after its current chunk, restartable
 * from there, instead of holding the shutdown (Quartz waits for its running jobs) for as long as the load takes. A
 * partition waiting to retry the provider stops waiting at once (LoadStep), and ends STOPPED with the chunk it was in
 * rolled back.
 */
@Component
public class StopLoadsOnShutdown implements JobExecutionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StopLoadsOnShutdown.class);

    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();
    // looked up when stopping: the JobOperator's registry holds the job this listens to
    private final ObjectProvider<JobOperator> jobOperator;
    private volatile boolean started;

    public StopLoadsOnShutdown(ObjectProvider<JobOperator> jobOperator) {
        this.jobOperator = jobOperator;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution);
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        for (JobExecution execution : running) {
            log.info("Shutting down: stopping load execution {} after its current chunk (at once where it waits to retry"
                    + " the provider)", execution.getId());
            try {
                jobOperator.getObject().stop(execution);
            } catch (JobExecutionNotRunningException e) {
                // it ended meanwhile
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Just after Quartz's scheduler (the highest phase) has stopped firing triggers, so that no load starts after. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
