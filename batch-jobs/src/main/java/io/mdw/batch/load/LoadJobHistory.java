package io.mdw.batch.load;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadSubmissionService;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

/** Recent loads as an operator sees them: queued in the cluster, or their latest execution and progress. */
@Service
public class LoadJobHistory {

    /** One load: its request, status (queued, or the batch status), partitions done of all, and totals so far. */
    public record LoadJob(String requestId, List<String> symbols, String timeframes, String status,
            LocalDateTime started, LocalDateTime ended, long partitionsDone, long partitions, LoadCounters counters,
            int executions, String error) {
    }

    private final JobRepository jobRepository;
    private final LoadSubmissionService submissions;
    private final LoadLauncher launcher;

    public LoadJobHistory(JobRepository jobRepository, LoadSubmissionService submissions, LoadLauncher launcher) {
        this.jobRepository = jobRepository;
        this.submissions = submissions;
        this.launcher = launcher;
    }

    /**
     * Queued loads that never ran first, then the most recent {@code limit} runs, newest first; a run queued again
     * (restarted after it failed) is listed as queued, as the API shows it, until a node starts it.
     */
    public List<LoadJob> recent(int limit) {
        List<LoadJob> jobs = new ArrayList<>();
        Set<String> queuedIds = new HashSet<>();
        for (LoadRequest queued : submissions.queued()) {
            queuedIds.add(queued.requestId());
            if (jobRepository.getJobInstance(LoadBarsJobConfiguration.JOB_NAME,
                    LoadJobParameters.identifying(queued.requestId())) == null) {
                jobs.add(new LoadJob(queued.requestId(), queued.symbols(), codes(queued), "QUEUED", null, null, 0,
                        queued.symbols().size() * queued.timeframes().size(), LoadCounters.NONE, 0, null));
            }
        }
        for (var instance : jobRepository.getJobInstances(LoadBarsJobConfiguration.JOB_NAME, 0, limit)) {
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
            boolean queuedAgain = queuedIds.contains(request.requestId()) && !last.isRunning();
            jobs.add(new LoadJob(request.requestId(), request.symbols(), codes(request),
                    queuedAgain ? "QUEUED" : last.getStatus().name(), last.getStartTime(), last.getEndTime(), done,
                    expected, launcher.countersOf(last), executions.size(),
                    !queuedAgain && !last.isRunning() && last.getStatus() != BatchStatus.COMPLETED
                            ? LoadLauncher.failureReason(last) : null));
        }
        return jobs;
    }

    private static String codes(LoadRequest request) {
        return String.join(",", request.timeframes().stream().map(io.mdw.market.Timeframe::code).toList());
    }
}
