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
 * of the load that was.
 */
public class FollowingBarsPartitioner implements Partitioner {

    private final SeriesPartitioner load;
    private final JobRepository jobRepository;
    private final JobInstance jobInstance;

    public FollowingBarsPartitioner(SeriesPartitioner load, JobRepository jobRepository, JobInstance jobInstance) {
        this.load = load;
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
                partitions.put(key, SeriesWindowContext.toContext(SeriesWindowContext.fromContext(context)
                        .over(lastLoaded.plusMillis(1), WarehouseDates.END)));
            }
        });
        return partitions;
    }
}
