package io.mdw.batch.load;

import static io.mdw.scheduling.LoadJobRunner.LAST_ACCEPTED;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mdw.calendar.WarehouseDates;
import io.mdw.scheduling.PartitionName;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * After a load, one partition per series it wrote bars of, over the stored bars after the last one it wrote: their
 * flags, scores and features follow from the bars before them, which the load may have added (an earlier month
 * loaded after a later one) or changed (a day loaded again after the provider corrected it). They are the load's
 * partitions as {@link SeriesPartitioner} makes them, from just after the last bar each accepted, in whichever run
 * of the load that was. Of a provider's answer, now known complete, the stored bars after that last bar and before the
 * window's end are withdrawn (see {@link UnsentBars}); an answer without a bar withdraws nothing: it more likely says
 * that the provider no longer serves the ticker than that it revised every bar away, and taking it at its word would
 * have the nightly overlap take a few more bars off such a series every night.
 */
public class FollowingBarsPartitioner implements Partitioner {

    private static final String WITHDRAWN_BEFORE = "following.withdrawnBefore";

    private final SeriesPartitioner load;
    private final UnsentBars unsentBars;
    private final JobRepository jobRepository;
    private final JobInstance jobInstance;

    public FollowingBarsPartitioner(SeriesPartitioner load, UnsentBars unsentBars, JobRepository jobRepository,
            JobInstance jobInstance) {
        this.load = load;
        this.unsentBars = unsentBars;
        this.jobRepository = jobRepository;
        this.jobInstance = jobInstance;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        load.partition(gridSize).forEach((key, context) -> {
            StepExecution loaded = jobRepository.getLastStepExecution(jobInstance, PartitionName.STEP_PREFIX + key);
            if (loaded != null && loaded.getExecutionContext().containsKey(LAST_ACCEPTED)) {
                Instant lastLoaded = Instant.ofEpochMilli(loaded.getExecutionContext().getLong(LAST_ACCEPTED));
                SeriesWindow window = SeriesWindowContext.fromContext(context);
                ExecutionContext following = SeriesWindowContext.toContext(
                        window.over(lastLoaded.plusMillis(1), WarehouseDates.END));
                if (unsentBars == UnsentBars.WITHDRAWN) {
                    following.putString(WITHDRAWN_BEFORE, window.to().toString());
                }
                partitions.put(key, following);
            }
        });
        return partitions;
    }

    /**
     * Before when the stored bars a partition goes over are withdrawn: the end of the window the provider answered; for
     * a file, which withdraws nothing, the partition's start.
     */
    static Instant withdrawnBefore(ExecutionContext partition) {
        return partition.containsKey(WITHDRAWN_BEFORE) ? Instant.parse(partition.getString(WITHDRAWN_BEFORE))
                : SeriesWindowContext.fromContext(partition).from();
    }
}
