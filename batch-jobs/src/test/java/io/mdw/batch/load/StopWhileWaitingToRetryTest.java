package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mdw.batch.node.BatchLoadJobRunner;
import io.mdw.batch.support.PolygonStub.Fault;
import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.SampleBars;
import io.mdw.batch.support.SyntheticBars;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadFailure;
import io.mdw.scheduling.LoadJobRunner;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadStatus;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A load stopped while one of its partitions waits a minute to retry the provider (a 503 with Retry-After: 60): it ends
 * STOPPED within a second or two of the stop, not after the wait, with the other series' bars stored, and a restart
 * once the provider has recovered completes it with every bar stored once. Stopped by an operator through Spring
 * Batch's JobOperator (also when the database holds the stop's write back), and by its node shutting down.
 */
class StopWhileWaitingToRetryTest extends ProviderAndWarehouseTest {

    private static final String WAITING = "X:BTCUSD";
    private static final Instant FROM = Instant.parse("2023-03-13T00:00:00Z");
    private static final Instant TO = Instant.parse("2023-03-16T00:00:00Z");
    /** Well below the minute the partition was asked to wait. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /**
     * Waits as long as the provider asks, up to a minute (the default), instead of the other tests' 50 ms: a context of
     * its own, whose Quartz scheduler needs a name of its own (Quartz registers its DataSource JVM-wide by that name).
     */
    @DynamicPropertySource
    static void waitsAsLongAsTheProviderAsks(DynamicPropertyRegistry registry) {
        registry.add("polygon.max-backoff", () -> "60s");
        registry.add("spring.quartz.scheduler-name", () -> "mdw-stop-during-retry-tests");
    }

    @Autowired
    LoadLauncher launcher;

    @Autowired
    BatchLoadJobRunner runner;

    @Autowired
    StopLoadsOnShutdown stopLoadsOnShutdown;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    LoadJobHistory history;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @Test
    void aLoadAnOperatorStopsWhileAPartitionWaitsToRetryEndsStoppedAtOnceAndARestartCompletesIt() throws Exception {
        LoadRequest request = request();
        List<RawBar> waitingBars = bars(150);
        provider.serve(WAITING, waitingBars);
        // its first page (two chunks) is answered, its second 503 with Retry-After: 60
        provider.failSeries(WAITING, 2, new Fault(503, "60", false, 0));
        double waitedBefore = backoff().totalTime(TimeUnit.SECONDS);

        CompletableFuture<JobExecution> run = inBackground(() -> launcher.start(request, null));
        awaitOneSeriesStoredAndTheOtherWaiting(waitedBefore);
        // as an operator's tool would: the execution read back from the repository, by its load's request id
        JobExecution running = jobRepository.getLastJobExecution(jobRepository.getJobInstance(
                LoadBarsJobConfiguration.JOB_NAME, LoadJobParameters.identifying(request.requestId())));
        long stopping = System.nanoTime();
        jobOperator.stop(running);
        JobExecution stopped = run.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(PROMPTLY);
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertStoppedAsAnOperatorSeesIt(request, stopped, 100);

        provider.heal();
        provider.clearRequests();
        JobExecution resumed = launcher.restart(launcher.restartable(request.requestId()));

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertEveryBarStoredOnce(waitingBars);
        // the restart asked only for the page the stop cut short
        assertThat(provider.requests()).singleElement().asString().contains("/" + WAITING + "/").endsWith("cursor=100");
        assertThat(listed(request)).extracting(LoadRecord::status, LoadRecord::runs)
                .containsExactly(LoadStatus.COMPLETED, 2);
    }

    /**
     * The JobOperator writes the stopped step's execution after telling the step to stop: here the database holds that
     * write back for a second (another transaction has locked the row, as on a busy database). The stop is one
     * transaction, and the waiting partition is woken once it has committed; woken before, it could let the step end
     * and write its execution while the stop was writing it, which Spring Batch takes for a conflict and leaves the
     * load UNKNOWN, not restartable (seen after a node's shutdown stopped a load).
     */
    @Test
    void aStopWhoseWriteTheDatabaseHoldsBackStillEndsTheLoadStoppedOnceItHasCommitted() throws Exception {
        LoadRequest request = request();
        provider.serve(WAITING, bars(150));
        provider.failSeries(WAITING, new Fault(503, "60", false, 0));
        double waitedBefore = backoff().totalTime(TimeUnit.SECONDS);

        CompletableFuture<JobExecution> run = inBackground(() -> launcher.start(request, null));
        awaitOneSeriesStoredAndTheOtherWaiting(waitedBefore);
        JobExecution running = jobRepository.getLastJobExecution(jobRepository.getJobInstance(
                LoadBarsJobConfiguration.JOB_NAME, LoadJobParameters.identifying(request.requestId())));
        CompletableFuture<Boolean> stop;
        try (Connection busy = dataSource.getConnection()) {
            busy.setAutoCommit(false);
            try (PreparedStatement lock = busy.prepareStatement("SELECT 1 FROM batch_step_execution"
                    + " WHERE job_execution_id = ? AND step_name = 'load' FOR UPDATE")) {
                lock.setLong(1, running.getId());
                lock.executeQuery().close();
            }
            stop = inBackground(() -> jobOperator.stop(running));
            // the load must not end while the stop's write waits, and none of the stop's writes shows before all do
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !run.isDone());
            assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?",
                    String.class, running.getId())).isEqualTo("STARTED");
            busy.commit();
        }
        long released = System.nanoTime();
        assertThat(stop.get(10, TimeUnit.SECONDS)).isTrue();
        JobExecution stopped = run.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(PROMPTLY);
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertStoppedAsAnOperatorSeesIt(request, stopped, 0);
    }

    @Test
    void aLoadWaitingToRetryWhenItsNodeShutsDownStopsAtOnceAndTheNodesResumeIt() throws Exception {
        LoadRequest request = request();
        List<RawBar> waitingBars = bars(150);
        provider.serve(WAITING, waitingBars);
        provider.failSeries(WAITING, Fault.rateLimited("60"));
        double waitedBefore = backoff().totalTime(TimeUnit.SECONDS);

        CompletableFuture<LoadJobRunner.Outcome> run = inBackground(() -> runner.run(request, false));
        awaitOneSeriesStoredAndTheOtherWaiting(waitedBefore);
        long stopping = System.nanoTime();
        stopLoadsOnShutdown.stop();
        stopLoadsOnShutdown.start();
        LoadJobRunner.Outcome outcome = run.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(PROMPTLY);
        // what the node's LoadJob queues again for a running node to resume
        assertThat(outcome).isEqualTo(LoadJobRunner.Outcome.STOPPED_BY_SHUTDOWN);
        assertStoppedAsAnOperatorSeesIt(request, jobRepository.getJobExecution(listed(request).jobExecutionId()), 0);

        provider.heal();
        assertThat(runner.run(request, false)).isEqualTo(LoadJobRunner.Outcome.DONE);

        assertEveryBarStoredOnce(waitingBars);
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution e JOIN batch_job_execution_params p"
                + " USING (job_execution_id) WHERE parameter_name = 'requestId' AND parameter_value = ?"
                + " ORDER BY job_execution_id", String.class, request.requestId()))
                .containsExactly("STOPPED", "COMPLETED");
    }

    /** The sample's 580 bars stored, and the other series' partition told to wait a minute before its next attempt. */
    private void awaitOneSeriesStoredAndTheOtherWaiting(double waitedBefore) {
        await().alias("the sample stored and " + WAITING + " waiting to retry").atMost(Duration.ofSeconds(30))
                .until(() -> count(SampleBars.TICKER) == 580 && backoff().totalTime(TimeUnit.SECONDS) > waitedBefore);
        assertThat(backoff().totalTime(TimeUnit.SECONDS) - waitedBefore).isCloseTo(60.0, within(0.001));
    }

    private void assertStoppedAsAnOperatorSeesIt(LoadRequest request, JobExecution stopped, long waitingStored) {
        // ./mdw jobs and the API: failed (not completed), stopped, restartable from its last committed chunk
        LoadRecord listed = listed(request);
        assertThat(listed.batchStatus()).isEqualTo("STOPPED");
        assertThat(listed.error()).isEqualTo(LoadFailure.STOPPED_BY_SHUTDOWN);
        assertThat(jdbc.queryForList("SELECT step_name || ' ' || status FROM batch_step_execution"
                + " WHERE job_execution_id = ? ORDER BY step_name", String.class, stopped.getId()))
                .containsExactlyInAnyOrder("load STOPPED", "loadSeries:" + SampleBars.TICKER + "@5m COMPLETED",
                        "loadSeries:" + WAITING + "@5m STOPPED");
        // the committed chunks are kept; the waiting series did not try again after the stop
        assertThat(count(SampleBars.TICKER)).isEqualTo(580);
        assertThat(count(WAITING)).isEqualTo(waitingStored);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_requests WHERE symbol = ? AND job_execution_id = ?"
                + " AND NOT success", Long.class, WAITING, stopped.getId())).isEqualTo(1);
    }

    private void assertEveryBarStoredOnce(List<RawBar> waitingBars) {
        assertThat(count(SampleBars.TICKER)).isEqualTo(580);
        assertThat(count(WAITING)).isEqualTo(waitingBars.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT DISTINCT symbol, time FROM bars) b", Long.class))
                .isEqualTo(580L + waitingBars.size());
    }

    private Timer backoff() {
        return meters.get("mdw.provider.retry.backoff").timer();
    }

    private LoadRecord listed(LoadRequest request) {
        return history.recent(50).stream().map(LoadJobHistory.LoadSummary::load)
                .filter(load -> load.requestId().equals(request.requestId())).findFirst().orElseThrow();
    }

    private long count(String symbol) {
        return jdbc.queryForObject("SELECT count(*) FROM bars WHERE symbol = ?", Long.class, symbol);
    }

    private static LoadRequest request() {
        return new LoadRequest(UUID.randomUUID().toString(), List.of(SampleBars.TICKER, WAITING),
                List.of(Timeframe.FIVE_MINUTES), FROM, TO, LoadRequest.POLYGON);
    }

    /** Five-minute bars from the window's second day on. */
    private static List<RawBar> bars(int count) {
        return SyntheticBars.every(Duration.ofMinutes(5), Instant.parse("2023-03-14T00:00:00Z"), count);
    }
}
