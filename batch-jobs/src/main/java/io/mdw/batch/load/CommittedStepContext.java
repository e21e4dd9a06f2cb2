package io.mdw.batch.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts a step execution back as its last committed chunk left it when a chunk's transaction rolls back: its context,
 * version and counts. Spring Batch 6's chunk-oriented step advances them (the reader's page, the processor's seed, our
 * counters, the version the repository saw) inside the chunk's transaction, and does not take them back when the
 * commit itself fails (spring-batch#1145): the step's end then failed to save its status against the rolled-back
 * version and left the job UNKNOWN, which Spring Batch will not restart; had it saved, a restart would have gone on
 * after bars that were never stored. A commit whose outcome is unknown is judged by what the repository holds. Made
 * for plain chunk steps like ours: a fault-tolerant step's scan, or a step processing a chunk's items concurrently,
 * calls beforeChunk otherwise.
 */
public class CommittedStepContext implements ChunkListener<Object, Object> {

    private final JobRepository jobRepository;

    public CommittedStepContext(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** Called in the chunk's transaction, before the chunk changes anything. */
    @Override
    public void beforeChunk(Chunk<Object> chunk) {
        StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
        Committed committed = new Committed(step);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_ROLLED_BACK || status == STATUS_UNKNOWN && !savedAsItIs(step)) {
                    committed.restore(step);
                }
            }
        });
    }

    /**
     * Whether the repository holds the step at its version in memory: a commit that failed to report its outcome (the
     * connection lost once COMMIT was sent) may have taken place, and then the advanced step is the committed one.
     */
    private boolean savedAsItIs(StepExecution step) {
        try {
            StepExecution saved = jobRepository.getStepExecution(step.getId());
            return saved != null && Objects.equals(saved.getVersion(), step.getVersion());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private record Committed(Map<String, Object> context, Integer version, long readCount, long writeCount,
                             long filterCount, long commitCount) {

        Committed(StepExecution step) {
            this(new HashMap<>(step.getExecutionContext().toMap()), step.getVersion(), step.getReadCount(),
                    step.getWriteCount(), step.getFilterCount(), step.getCommitCount());
        }

        void restore(StepExecution step) {
            ExecutionContext current = step.getExecutionContext();
            List.copyOf(current.toMap().keySet()).forEach(current::remove);
            context.forEach(current::put);
            step.setVersion(version);
            step.setReadCount(readCount);
            step.setWriteCount(writeCount);
            step.setFilterCount(filterCount);
            step.setCommitCount(commitCount);
        }
    }
}
