package io.mdw.batch.load;

import io.mdw.scheduling.LoadFailure;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRecords;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadStatus;
import io.mdw.scheduling.PartitionName;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

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
    private final LoadRecords loads;
    private final ObservationRegistry observations;

    public LoadLauncher(JobOperator jobOperator, JobRepository jobRepository, Job loadBars, SymbolRepository symbols,
                        LoadRecords loads, ObservationRegistry observations) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.loadBars = loadBars;
        this.symbols = symbols;
        this.loads = loads;
        this.observations = observations;
    }

    /**
     * Records the request's symbols (with the given asset class, or the one their ticker implies; a stored symbol keeps
     * its own, and a load naming another is refused) and runs the job.
     * A load from the provider tracks them, for the nightly load to keep current; a load from a file (an import, the
     * bundled sample) does not. With the default synchronous launcher this returns when the job has ended.
     */
    public JobExecution start(LoadRequest parameters, AssetClass assetClass) throws Exception {
        symbols.requireStoredClass(parameters.symbols(), assetClass);
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
     * The latest execution of the newest load, of the last 50, that is failed as {@code mdw jobs} lists it and whose
     * run ended failed or stopped (Spring Batch restarts no other). A load queued again in the cluster is not failed (a
     * load its node stopped while shutting down is queued again): a node resumes those.
     */
    public Optional<JobExecution> lastRestartable() {
        return loads.recent(50).stream()
                .filter(load -> load.status() == LoadStatus.FAILED
                        && RESTARTABLE.contains(BatchStatus.valueOf(load.batchStatus())))
                .findFirst()
                .map(load -> jobRepository.getJobExecution(load.jobExecutionId()));
    }

    /**
     * The latest run of the load with this request id (its job id), when a restart can resume it.
     *
     * @throws IllegalStateException saying why not: no such load, or one that is not failed or stopped
     */
    public JobExecution restartable(String requestId) {
        LoadRecord load = loads.find(requestId).orElseThrow(() -> new IllegalStateException("there is no load job "
                + requestId + " (./mdw jobs lists the recent ones)"));
        if (load.status() != LoadStatus.FAILED) {
            throw new IllegalStateException("load job " + requestId + " is " + load.status().code()
                    + "; only a failed or stopped load is restarted");
        }
        if (load.jobExecutionId() == null) {
            throw new IllegalStateException("load job " + requestId + " never ran; POST /api/v1/enrichment/jobs/"
                    + requestId + "/restart queues it again");
        }
        if (!RESTARTABLE.contains(BatchStatus.valueOf(load.batchStatus()))) {
            throw new IllegalStateException("load job " + requestId + " ended " + load.batchStatus()
                    + "; only a failed or stopped run is restarted");
        }
        return jobRepository.getJobExecution(load.jobExecutionId());
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
            return LoadFailure.STOPPED_BY_SHUTDOWN;
        }
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus().isUnsuccessful() && !step.getFailureExceptions().isEmpty())
                .flatMap(step -> failureOf(step.getStepName(),
                        PartitionProgressListener.rootMessage(step.getFailureExceptions().get(0))).stream())
                .findFirst()
                .or(() -> Optional.ofNullable(LoadFailure.summary(execution.getExitStatus().getExitDescription())))
                .orElse("failed");
    }

    /** Why a partition step failed, naming its series; empty for a step that is no partition. */
    private static Optional<String> failureOf(String stepName, String cause) {
        String followingBars = LoadBarsJobConfiguration.FOLLOWING_BARS_STEP + ":";
        return stepName.startsWith(followingBars)
                ? Optional.of(LoadFailure.ofFollowingBars(stepName.substring(followingBars.length()), cause))
                : PartitionName.ofStep(stepName).map(partition -> LoadFailure.ofPartition(partition, cause));
    }
}
