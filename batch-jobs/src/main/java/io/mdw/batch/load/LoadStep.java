package io.mdw.batch.load;

import io.mdw.batch.source.polygon.RetryWaits;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The load's partitioned step. Stopped (JobOperator.stop calls this for a running load, as StopLoadsOnShutdown does when
 * a node shuts down), it is marked to stop as any step, which its partitions see at their next chunk's end, and the
 * waits of those waiting to retry the provider end at once: such a partition would reach its chunk's end only after a
 * backoff, a Retry-After or an open circuit breaker, minutes later, and JobOperator.stop reaches the job's own steps,
 * not the partitions' steps.
 */
class LoadStep extends PartitionStep {

    private final RetryWaits retryWaits;

    LoadStep(JobRepository jobRepository, RetryWaits retryWaits) {
        super(jobRepository);
        this.retryWaits = retryWaits;
    }

    @Override
    protected void doExecute(StepExecution stepExecution) throws Exception {
        retryWaits.started(stepExecution.getJobExecutionId());
        try {
            super.doExecute(stepExecution);
        } finally {
            retryWaits.ended(stepExecution.getJobExecutionId());
        }
    }

    /**
     * The waits end once the JobOperator's transaction has committed: it writes this step's execution after this
     * returns, and a partition woken before would let this step end and write it too, at the same time, which Spring
     * Batch takes for a conflict (OptimisticLockingFailureException) and leaves the load UNKNOWN. JobOperator.stop runs
     * in a transaction (TransactionalJobOperatorStop); without one, the waits end at once.
     */
    @Override
    public void stop(StepExecution stepExecution) {
        super.stop(stepExecution);
        long load = stepExecution.getJobExecutionId();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    retryWaits.stop(load);
                }
            });
        } else {
            retryWaits.stop(load);
        }
    }
}
