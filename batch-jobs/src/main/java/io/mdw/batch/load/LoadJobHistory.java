package io.mdw.batch.load;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadSubmissionService;
import io.mdw.scheduling.QueuedLoad;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Recent loads as an operator sees them: queued in the cluster, or their latest execution and progress. */
@Service
public class LoadJobHistory {

    /**
     * One load: its request, status (queued, or the batch status), partitions done of all, and totals so far.
     *
     * @param started  when its latest execution started, or null when none did
     * @param submitted when it was queued (for a load queued again, when that was), else when its latest execution
     *                  was created
     */
    public record LoadSummary(String requestId, List<String> symbols, String timeframes, String status,
            LocalDateTime started, LocalDateTime ended, LocalDateTime submitted, long partitionsDone, long partitions,
            LoadCounters counters, int executions, String error) {

        /** When it last started or, never started, was submitted: the listing's order, newest first. */
        public LocalDateTime latest() {
            return started != null ? started : submitted;
        }
    }

    /** The job instances whose latest execution started (or, never started, was created) last. */
    private static final String LATEST_INSTANCES = """
            select e.job_instance_id
              from batch_job_execution e
              join batch_job_instance i on i.job_instance_id = e.job_instance_id
             where i.job_name = :jobName
             group by e.job_instance_id
             order by max(coalesce(e.start_time, e.create_time)) desc
             limit :limit""";

    private final JobRepository jobRepository;
    private final LoadSubmissionService submissions;
    private final JdbcClient jdbc;

    public LoadJobHistory(JobRepository jobRepository, LoadSubmissionService submissions, JdbcClient jdbc) {
        this.jobRepository = jobRepository;
        this.submissions = submissions;
        this.jdbc = jdbc;
    }

    /**
     * The {@code limit} loads that started last (a load not started yet, queued or refused a start, by when it was
     * submitted), newest first. A run queued again (restarted after it failed) is listed as queued, as the API shows
     * it, until a node starts it.
     */
    public List<LoadSummary> recent(int limit) {
        Map<String, QueuedLoad> queued = submissions.queued().stream()
                .collect(Collectors.toMap(load -> load.request().requestId(), Function.identity()));
        List<LoadSummary> jobs = new ArrayList<>();
        for (QueuedLoad load : queued.values()) {
            if (jobRepository.getJobInstance(LoadBarsJobConfiguration.JOB_NAME,
                    LoadJobParameters.identifying(load.request().requestId())) == null) {
                LoadRequest request = load.request();
                jobs.add(new LoadSummary(request.requestId(), request.symbols(), codes(request), "QUEUED", null, null,
                        local(load), 0, (long) request.symbols().size() * request.timeframes().size(),
                        LoadCounters.NONE, 0, null));
            }
        }
        for (long instanceId : jdbc.sql(LATEST_INSTANCES).param("jobName", LoadBarsJobConfiguration.JOB_NAME)
                .param("limit", limit).query(Long.class).list()) {
            jobs.add(ofInstance(jobRepository.getJobInstance(instanceId), queued));
        }
        return jobs.stream().sorted(Comparator.comparing(LoadSummary::latest).reversed()).limit(limit).toList();
    }

    private LoadSummary ofInstance(JobInstance instance, Map<String, QueuedLoad> queued) {
        List<JobExecution> executions = jobRepository.getJobExecutions(instance);
        JobExecution last = executions.stream().max(Comparator.comparing(JobExecution::getId)).orElseThrow();
        LoadRequest request = LoadJobParameters.request(last.getJobParameters());
        long expected = (long) request.symbols().size() * request.timeframes().size();
        long done = executions.stream().flatMap(execution -> execution.getStepExecutions().stream())
                .filter(step -> step.getStepName().startsWith(LoadBarsJobConfiguration.WORKER_STEP + ":"))
                .filter(step -> step.getStatus() == BatchStatus.COMPLETED)
                .map(StepExecution::getStepName)
                .distinct()
                .count();
        QueuedLoad queuedAgain = last.isRunning() ? null : queued.get(request.requestId());
        return new LoadSummary(request.requestId(), request.symbols(), codes(request),
                queuedAgain != null ? "QUEUED" : last.getStatus().name(), last.getStartTime(), last.getEndTime(),
                queuedAgain != null ? local(queuedAgain) : last.getCreateTime(), done, expected,
                counters(executions), executions.size(),
                queuedAgain == null && !last.isRunning() && last.getStatus() != BatchStatus.COMPLETED
                        ? LoadLauncher.failureReason(last) : null);
    }

    /**
     * What the partitions of a request stored, rejected, validated and flagged, in total: over all its executions,
     * the latest execution of each partition (a restarted partition carries its counters forward).
     */
    public LoadCounters countersOf(JobExecution execution) {
        return counters(jobRepository.getJobExecutions(execution.getJobInstance()));
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
                .filter(step -> step.getStepName().startsWith(LoadBarsJobConfiguration.WORKER_STEP + ":"))
                .collect(Collectors.toMap(StepExecution::getStepName, step -> step, BinaryOperator.maxBy(
                        Comparator.comparing(StepExecution::getId))))
                .values().stream()
                .map(step -> LoadCounters.of(step.getExecutionContext()))
                .reduce(LoadCounters.NONE, LoadCounters::plus);
    }

    /** In Spring Batch's terms: its times are local date-times of this JVM's zone. */
    private static LocalDateTime local(QueuedLoad load) {
        return LocalDateTime.ofInstant(load.queuedAt(), ZoneId.systemDefault());
    }

    private static String codes(LoadRequest request) {
        return String.join(",", request.timeframes().stream().map(io.mdw.market.Timeframe::code).toList());
    }
}
