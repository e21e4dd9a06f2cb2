package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.mdw.batch.node.BatchLoadJobRunner;
import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadFailure;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadStatus;
import io.mdw.scheduling.LoadSubmissionService;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/** Recent loads as {@code ./mdw jobs} lists them. */
class LoadJobHistoryTest extends ProviderAndWarehouseTest {

    @Autowired
    BatchLoadJobRunner runner;

    @Autowired
    LoadSubmissionService submissions;

    @Autowired
    LoadJobHistory history;

    @Autowired
    JobRepository jobRepository;

    @Test
    void aFailedLoadQueuedAgainIsListedOnceAsQueuedWithWhyItsLastRunFailedUntilANodeRunsIt() throws Exception {
        LoadRequest request = request("X:REQUEUEDUSD");
        provider.failFromRequest(1);
        assertThatThrownBy(() -> runner.run(request, false)).hasMessageContaining("FAILED");
        LoadRecord failed = listed(request).get(0).load();
        assertThat(failed.status()).isEqualTo(LoadStatus.FAILED);
        assertThat(failed.error()).startsWith("X:REQUEUEDUSD@1d: ");

        // queued for a node again, as the API's restart does: waiting to run, whatever its last run did
        assertThat(submissions.submit(request).existing()).isFalse();

        List<LoadJobHistory.LoadSummary> listed = listed(request);
        assertThat(listed).extracting(summary -> summary.load().status()).containsExactly(LoadStatus.QUEUED);
        assertThat(listed.get(0).load().runs()).isEqualTo(1);
        // as the API shows it: the reason it is queued again
        assertThat(listed.get(0).load().error()).isEqualTo(failed.error());

        // a node fires it: Quartz spends the trigger and keeps the firing on record; the run is not created yet
        jdbc.update("""
                INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name,
                    fired_time, sched_time, priority, state, job_name, job_group, is_nonconcurrent, requests_recovery)
                SELECT sched_name, trigger_name || '-fired', trigger_name, trigger_group, 'node-1', ?, ?, priority,
                       'EXECUTING', job_name, job_group, true, true
                FROM qrtz_triggers WHERE job_name = ?
                """, System.currentTimeMillis(), System.currentTimeMillis(), request.requestId());
        jdbc.update("DELETE FROM qrtz_simple_triggers WHERE trigger_name = ?", request.requestId());
        jdbc.update("DELETE FROM qrtz_triggers WHERE trigger_name = ?", request.requestId());
        assertThat(listed(request)).extracting(summary -> summary.load().status()).containsExactly(LoadStatus.QUEUED);

        jdbc.update("DELETE FROM qrtz_fired_triggers WHERE job_name = ?", request.requestId());
    }

    @Test
    void aLoadWhoseStartFailedBeforeItRanIsListedFailedAndARestartRunsIt() throws Exception {
        LoadRequest request = request("X:NOSTARTUSD");
        // what a start interrupted between its job instance and its execution leaves: Spring Batch refuses to start
        // an instance without executions
        jobRepository.createJobInstance(LoadBarsJobConfiguration.JOB_NAME, LoadJobParameters.of(request));

        assertThatThrownBy(() -> runner.run(request, false)).hasMessageContaining("Cannot find any job execution");

        LoadRecord failed = listed(request).get(0).load();
        assertThat(failed.status()).isEqualTo(LoadStatus.FAILED);
        assertThat(failed.error()).startsWith("could not start: Cannot find any job execution");

        runner.run(request, false);

        assertThat(listed(request)).extracting(summary -> summary.load().status(), summary -> summary.load().runs())
                .containsExactly(tuple(LoadStatus.COMPLETED, 2));
    }

    @Test
    void theStatesAreTheApisAndALoadStoppedByItsProcessIsFailedWithWhy() {
        LoadRequest running = request("X:RUNNINGUSD");
        LoadRequest stopped = request("X:STOPPEDUSD");
        recordRun(running, BatchStatus.STARTED, ExitStatus.EXECUTING);
        // as JobFailureCause leaves a run its process stopped while shutting down
        recordRun(stopped, BatchStatus.STOPPED, ExitStatus.STOPPED.addExitDescription(LoadFailure.STOPPED_BY_SHUTDOWN));

        assertThat(listed(running)).extracting(summary -> summary.load().status(), summary -> summary.load().error())
                .containsExactly(tuple(LoadStatus.IN_PROGRESS, null));
        assertThat(listed(stopped)).extracting(summary -> summary.load().status(), summary -> summary.load().error())
                .containsExactly(tuple(LoadStatus.FAILED, LoadFailure.STOPPED_BY_SHUTDOWN));
    }

    @Test
    void loadsAreListedByWhenTheyLastStartedOrWereQueuedNewestFirst() throws Exception {
        LoadRequest restarted = request("X:RESTARTEDUSD");
        LoadRequest completed = request("X:COMPLETEDUSD");
        LoadRequest waiting = request("X:WAITINGUSD");
        provider.failFromRequest(1);
        assertThatThrownBy(() -> runner.run(restarted, false)).hasMessageContaining("FAILED");
        provider.heal();
        circuitBreaker.reset();
        runner.run(completed, false);
        // submitted before the restart below, which starts after it
        submissions.submit(waiting);
        runner.run(restarted, false);

        List<LoadRecord> listed = history.recent(50).stream().map(LoadJobHistory.LoadSummary::load).toList();

        assertThat(listed).extracting(LoadRecord::requestId)
                .containsSubsequence(restarted.requestId(), waiting.requestId(), completed.requestId());
        assertThat(listed).extracting(LoadRecord::latest)
                .isSortedAccordingTo(Comparator.<Instant>naturalOrder().reversed());
        assertThat(history.recent(1)).extracting(summary -> summary.load().requestId())
                .containsExactly(restarted.requestId());
    }

    private List<LoadJobHistory.LoadSummary> listed(LoadRequest request) {
        return history.recent(50).stream().filter(job -> job.load().requestId().equals(request.requestId())).toList();
    }

    /** A run of the request as Spring Batch records one, in the given state. */
    private void recordRun(LoadRequest request, BatchStatus status, ExitStatus exitStatus) {
        JobParameters parameters = LoadJobParameters.of(request);
        JobInstance instance = jobRepository.createJobInstance(LoadBarsJobConfiguration.JOB_NAME, parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now());
        execution.setStatus(status);
        execution.setExitStatus(exitStatus);
        jobRepository.update(execution);
    }

    /** A series of its own, so that its queued trigger stands in no other test's way. */
    private static LoadRequest request(String symbol) {
        return new LoadRequest(UUID.randomUUID().toString(), List.of(symbol), List.of(Timeframe.ONE_DAY),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"), LoadRequest.POLYGON);
    }
}
