package io.mdw.batch.load;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Stores why a load did not complete as its job's exit description: the failed series and its root cause ("X:ETHUSD@5m:
 * HTTP 503 …"). Spring Batch leaves the partitioned step's "Partition handler returned an unsuccessful step" there,
 * and the job's exit message is what {@code ./mdw jobs} and the API show as its error (LoadRecords); the causes
 * themselves are not stored.
 */
@Component
class JobFailureCause implements JobExecutionListener {

    @Override
    public void afterJob(JobExecution execution) {
        // STOPPED too, which Spring Batch does not count as unsuccessful
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
                    LoadLauncher.failureReason(execution)));
        }
    }
}
