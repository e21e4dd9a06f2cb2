package io.mdw.batch.node;

import java.util.Optional;

import io.mdw.batch.load.LoadBarsJobConfiguration;
import io.mdw.batch.load.LoadJobParameters;
import io.mdw.batch.load.LoadLauncher;
import io.mdw.batch.source.polygon.PolygonProperties;
import io.mdw.scheduling.LoadJobRunner;
import io.mdw.scheduling.LoadRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * How a batch node runs a load request fired by Quartz: a new request starts the job; a request whose job failed, or
 * was stopped by its node's shutdown, is restarted from its last committed chunk; a request recovered from a dead node
 * has its orphaned execution (still marked running) marked failed first, then restarted. The request id is the job
 * instance's identity. A load from the provider on a node without its API key is not started: it is recorded failed
 * with the reason, logged in one line, and runs when restarted on a node that has the key.
 */
@Component
public class BatchLoadJobRunner implements LoadJobRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchLoadJobRunner.class);

    private final LoadLauncher launcher;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final PolygonProperties polygon;

    public BatchLoadJobRunner(LoadLauncher launcher, JobRepository jobRepository, JobOperator jobOperator,
            PolygonProperties polygon) {
        this.launcher = launcher;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.polygon = polygon;
    }

    @Override
    public Optional<String> providerUnavailable() {
        return polygon.hasApiKey() ? Optional.empty() : Optional.of("POLYGON_API_KEY is not set on this node: "
                + "export it before ./mdw node (or ./mdw up) to load from Polygon");
    }

    @Override
    public Outcome run(LoadRequest request, boolean recovering) throws Exception {
        JobInstance instance = jobRepository.getJobInstance(LoadBarsJobConfiguration.JOB_NAME,
                LoadJobParameters.identifying(request.requestId()));
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            log.info("Load {} already completed (execution {}); nothing to do", request.requestId(), last.getId());
            return Outcome.DONE;
        }
        if (last != null && last.getStatus().isRunning()) {
            if (!recovering) {
                throw new IllegalStateException("load " + request.requestId() + " is already running (execution "
                        + last.getId() + ")");
            }
            log.warn("Load {}: execution {} was orphaned by a dead node; marking it failed and restarting it",
                    request.requestId(), last.getId());
            last = recover(last);
        }
        Optional<String> cannotRun = request.file() == null ? providerUnavailable() : Optional.empty();
        if (cannotRun.isPresent()) {
            // an operator's setting, not a fault: every partition would fail alike, each with its stack trace
            JobExecution failed = launcher.recordFailedStart(request, cannotRun.get());
            log.warn("Load {}: execution {} FAILED: {}", request.requestId(), failed.getId(),
                    LoadLauncher.failureReason(failed));
            return Outcome.NOT_STARTED;
        }
        JobExecution outcome = last == null ? start(request) : launcher.restart(last);
        log.info("Load {}: execution {} {}", request.requestId(), outcome.getId(), outcome.getStatus());
        return switch (outcome.getStatus()) {
            case COMPLETED -> Outcome.DONE;
            // only this node's shutdown stops a load (StopLoadsOnShutdown)
            case STOPPED -> Outcome.STOPPED_BY_SHUTDOWN;
            default -> throw new IllegalStateException("load " + request.requestId() + " ended " + outcome.getStatus()
                    + ": " + LoadLauncher.failureReason(outcome));
        };
    }

    private JobExecution recover(JobExecution orphaned) {
        JobExecution recovered = jobOperator.recover(orphaned);
        recovered.setExitStatus(ExitStatus.FAILED.addExitDescription(
                "its node died; recovered and restarted by another node"));
        jobRepository.update(recovered);
        return recovered;
    }

    /**
     * Starts a new request. A start that fails before Spring Batch has an execution of it is recorded as a failed
     * execution: Quartz has spent the trigger by then, so the load would otherwise show queued forever, unlisted and
     * refused a restart. Failed, it is listed with its cause and a restart runs it.
     */
    private JobExecution start(LoadRequest request) throws Exception {
        try {
            return launcher.start(request, null);
        } catch (Exception e) {
            JobInstance instance = jobRepository.getJobInstance(LoadBarsJobConfiguration.JOB_NAME,
                    LoadJobParameters.identifying(request.requestId()));
            if (instance == null || jobRepository.getLastJobExecution(instance) == null) {
                try {
                    launcher.recordFailedStart(request, e);
                } catch (RuntimeException recording) {
                    e.addSuppressed(recording);
                }
            }
            throw e;
        }
    }
}
