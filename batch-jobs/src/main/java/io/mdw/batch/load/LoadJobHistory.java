package io.mdw.batch.load;

import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRecords;
import io.mdw.scheduling.PartitionName;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

/**
 * Recent loads as an operator sees them ({@link LoadRecords}, which the API reads too), with how far each got and what
 * it stored, from its partitions' step executions.
 */
@Service
public class LoadJobHistory {

    /**
     * One load and, over all its runs, how many of its partitions completed and what they stored.
     */
    public record LoadSummary(LoadRecord load, long partitionsDone, LoadCounters counters) {
    }

    private final JobRepository jobRepository;
    private final LoadRecords loads;

    public LoadJobHistory(JobRepository jobRepository, LoadRecords loads) {
        this.jobRepository = jobRepository;
        this.loads = loads;
    }

    /** The {@code limit} loads queued or run last, newest first ({@link LoadRecords#recent}). */
    public List<LoadSummary> recent(int limit) {
        return loads.recent(limit).stream().map(this::summary).toList();
    }

    private LoadSummary summary(LoadRecord load) {
        if (load.jobInstanceId() == null) {
            return new LoadSummary(load, 0, LoadCounters.NONE);
        }
        List<JobExecution> executions = jobRepository.getJobExecutions(
                jobRepository.getJobInstance(load.jobInstanceId()));
        long done = executions.stream().flatMap(execution -> execution.getStepExecutions().stream())
                .filter(step -> PartitionName.isStep(step.getStepName()))
                .filter(step -> step.getStatus() == BatchStatus.COMPLETED)
                .map(StepExecution::getStepName)
                .distinct()
                .count();
        return new LoadSummary(load, done, counters(executions));
    }

    /**
     * What the partitions of a request stored, rejected, validated and flagged, in total: over all its executions,
     * the latest execution of each partition (a restarted partition carries its counters forward).
     */
    public LoadCounters countersOf(JobExecution execution) {
        return counters(jobRepository.getJobExecutions(execution.getJobInstance()));
    }

    /** The ids of all the runs of the execution's request, this one included, oldest first. */
    public List<Long> runsOf(JobExecution execution) {
        return jobRepository.getJobExecutions(execution.getJobInstance()).stream().map(JobExecution::getId).sorted()
                .toList();
    }

    /** The totals as they stood when the execution started: what the runs before it stored (none on a first run). */
    public LoadCounters countersBefore(JobExecution execution) {
        return counters(jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .filter(each -> each.getId() < execution.getId())
                .toList());
    }

    /** Over these executions of one request, the latest execution of each partition. */
    private static LoadCounters counters(List<JobExecution> runs) {
        return runs.stream()
                .flatMap(each -> each.getStepExecutions().stream())
                .filter(step -> PartitionName.isStep(step.getStepName()))
                .collect(Collectors.toMap(StepExecution::getStepName, step -> step, BinaryOperator.maxBy(
                        Comparator.comparing(StepExecution::getId))))
                .values().stream()
                .map(step -> LoadCounters.of(step.getExecutionContext()))
                .reduce(LoadCounters.NONE, LoadCounters::plus);
    }
}
