package io.mdw.batch.load;

import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadRequestFields;
import io.mdw.scheduling.LoadSubmissionService;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.observation.ObservationRegistry;
import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.market.AssetClass;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.observability.BatchMetrics;
import org.springframework.batch.core.observability.micrometer.MicrometerMetrics;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

/** Starts and restarts the load job through the JobOperator, and reads back what a run did. */
@Service
public class LoadLauncher {

    private static final Set<BatchStatus> RESTARTABLE = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job loadBars;
    private final SymbolRepository symbols;
    private final LoadSubmissionService submissions;
    private final ObservationRegistry observations;

    public LoadLauncher(JobOperator jobOperator, JobRepository jobRepository, Job loadBars, SymbolRepository symbols,
                        LoadSubmissionService submissions, ObservationRegistry observations) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.loadBars = loadBars;
        this.symbols = symbols;
        this.submissions = submissions;
        this.observations = observations;
    }

    /**
     * Records the request's symbols (with the given asset class, or the one their ticker implies) and runs the job.
     * A load from the provider tracks them, for the nightly load to keep current; a load from a file (an import, the
     * bundled sample) does not. With the default synchronous launcher this returns when the job has ended.
     */
    public JobExecution start(LoadRequest parameters, AssetClass assetClass) throws Exception {
        for (String symbol : parameters.symbols()) {
            if (parameters.file() == null) {
                symbols.register(symbol, assetClass, parameters.timeframes(), null);
            } else {
                symbols.recordWithoutTracking(symbol, assetClass);
            }
        }
        return jobOperator.start(loadBars, LoadJobParameters.of(parameters));
    }

    /**
     * The newest execution of the load job that ended failed or stopped and was not restarted since, leaving out loads
     * queued in the cluster (a load its node stopped while shutting down is queued again): a node resumes those.
     */
    public Optional<JobExecution> lastRestartable() {
        Set<String> queued = submissions.queued().stream().map(load -> load.request().requestId())
                .collect(Collectors.toSet());
        return jobRepository.getJobInstances(LoadBarsJobConfiguration.JOB_NAME, 0, 50).stream()
                .map(jobRepository::getLastJobExecution)
                .filter(execution -> execution != null && RESTARTABLE.contains(execution.getStatus()))
                .filter(execution -> !queued.contains(execution.getJobParameters().getString(LoadRequestFields.REQUEST_ID)))
                .max(Comparator.comparing(JobExecution::getId));
    }

    /**
     * Records a start that failed before Spring Batch had an execution of the request as a failed execution of its job
     * instance (created if the start failed before it too), so that the load shows failed with the cause and restarts.
     */
    public JobExecution recordFailedStart(LoadRequest request, Exception cause) {
        return recordFailedStart(request, PartitionProgressListener.rootMessage(cause));
    }

    /**
     * Records a request that was not started, for the given reason, as a failed execution of its job instance (created
     * if need be): the load shows failed with the reason, and a restart runs it. It is counted as Spring Batch counts
     * a run that failed (spring_batch_job_seconds, status FAILED), so that the load-failed alert fires for it too.
     */
    public JobExecution recordFailedStart(LoadRequest request, String reason) {
        JobParameters parameters = LoadJobParameters.of(request);
        JobInstance instance = jobRepository.getJobInstance(LoadBarsJobConfiguration.JOB_NAME, parameters);
        if (instance == null) {
            instance = jobRepository.createJobInstance(LoadBarsJobConfiguration.JOB_NAME, parameters);
        }
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("could not start: " + reason));
        execution.setEndTime(LocalDateTime.now());
        jobRepository.update(execution);
        String job = BatchMetrics.METRICS_PREFIX + "job";
        MicrometerMetrics.createObservation(job, observations)
                .highCardinalityKeyValue(job + ".instanceId", String.valueOf(instance.getId()))
                .highCardinalityKeyValue(job + ".executionId", String.valueOf(execution.getId()))
                .lowCardinalityKeyValue(job + ".name", LoadBarsJobConfiguration.JOB_NAME)
                .start()
                .lowCardinalityKeyValue(job + ".status", execution.getExitStatus().getExitCode())
                .stop();
        return execution;
    }

    public JobExecution restart(JobExecution failed) throws Exception {
        return jobOperator.restart(failed);
    }

    /**
     * Why an execution did not complete, in one line: the first failed partition and its root cause. Read back from
     * the repository the exceptions are gone; the job's exit description then holds this line (JobFailureCause).
     */
    public static String failureReason(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return "stopped before it finished, as its process shut down; a restart resumes it after its last "
                    + "committed chunk";
        }
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(LoadBarsJobConfiguration.WORKER_STEP + ":"))
                .filter(step -> step.getStatus().isUnsuccessful() && !step.getFailureExceptions().isEmpty())
                .findFirst()
                .map(step -> step.getStepName().substring(LoadBarsJobConfiguration.WORKER_STEP.length() + 1) + ": "
                        + PartitionProgressListener.rootMessage(step.getFailureExceptions().get(0)))
                .orElse(execution.getExitStatus().getExitDescription().lines().findFirst().orElse("failed"));
    }
}
