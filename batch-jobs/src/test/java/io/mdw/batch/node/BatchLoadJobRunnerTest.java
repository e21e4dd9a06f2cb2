package io.mdw.batch.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.mdw.batch.load.LoadJobHistory;
import io.mdw.batch.load.LoadLauncher;
import io.mdw.batch.load.StopLoadsOnShutdown;
import io.mdw.batch.source.polygon.PolygonProperties;
import io.mdw.batch.support.PolygonStub;
import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.SampleBars;
import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadJobRunner;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadStatus;
import io.mdw.scheduling.LoadSubmissionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a node does with a request Quartz fires: start it, restart it after a failure, recover it from a dead node. */
class BatchLoadJobRunnerTest extends ProviderAndWarehouseTest {

    private static final String EXECUTIONS_OF_REQUEST = """
            SELECT job_execution_id FROM batch_job_execution_params
            WHERE parameter_name = 'requestId' AND parameter_value = ?""";

    @Autowired
    BatchLoadJobRunner runner;

    @Autowired
    StopLoadsOnShutdown stopLoadsOnShutdown;

    @Autowired
    LoadSubmissionService submissions;

    @Autowired
    LoadLauncher launcher;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    PolygonProperties polygon;

    @Autowired
    LoadJobHistory history;

    @Autowired
    SymbolRepository symbols;

    @Test
    void anOrphanedExecutionIsMarkedFailedAndResumedFromItsLastCommittedChunk() throws Exception {
        LoadRequest request = request();
        provider.failFromRequest(4);
        assertThatThrownBy(() -> runner.run(request, false)).hasMessageContaining("FAILED");
        // what a node killed mid-job leaves behind: the execution and its partition still marked as running
        jdbc.update("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ")", request.requestId());
        jdbc.update("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ") AND status = 'FAILED'", request.requestId());
        long committed = count();
        provider.heal();
        circuitBreaker.reset();

        runner.run(request, true);

        assertThat(committed).isEqualTo(300);
        assertThat(count()).isEqualTo(580);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT time) FROM bars", Long.class)).isEqualTo(580);
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ") ORDER BY job_execution_id", String.class, request.requestId()))
                .containsExactly("FAILED", "COMPLETED");
        assertThat(jdbc.queryForObject("SELECT exit_message FROM batch_job_execution WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ") ORDER BY job_execution_id LIMIT 1", String.class, request.requestId()))
                .contains("its node died");
    }

    @Test
    void aRunningExecutionIsNotStartedTwiceUnlessItsNodeDied() throws Exception {
        LoadRequest request = request();
        runner.run(request, false);
        jdbc.update("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ")", request.requestId());

        assertThatThrownBy(() -> runner.run(request, false)).hasMessageContaining("already running");
    }

    @Test
    void aCompletedRequestFiredAgainChangesNothing() throws Exception {
        LoadRequest request = request();
        runner.run(request, false);

        runner.run(request, false);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM (" + EXECUTIONS_OF_REQUEST + ") e", Long.class,
                request.requestId())).isEqualTo(1);
    }

    @Test
    void aLoadRunningWhenItsNodeShutsDownStopsAfterItsChunkAndARestartFinishesIt() throws Exception {
        LoadRequest request = request();
        // the first page at once, the second slowly: the shutdown comes while the load waits for it
        provider.script(PolygonStub.Fault.slow(0), PolygonStub.Fault.slow(800));
        CompletableFuture<LoadJobRunner.Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(request, false);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        while (count() < 100) {
            Thread.sleep(20);
        }

        stopLoadsOnShutdown.stop();
        stopLoadsOnShutdown.start();

        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(LoadJobRunner.Outcome.STOPPED_BY_SHUTDOWN);
        assertThat(count()).isBetween(100L, 579L);
        // what the API's job view and ./mdw jobs read back
        assertThat(jdbc.queryForObject("SELECT exit_message FROM batch_job_execution WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ")", String.class, request.requestId()))
                .startsWith("stopped before it finished, as its process shut down");
        // queued again in the cluster, as a node's LoadJob does, it is left to the nodes rather than to ./mdw restart
        submissions.submit(request);
        assertThat(launcher.lastRestartable()).map(execution -> execution.getJobParameters().getString("requestId"))
                .isNotEqualTo(Optional.of(request.requestId()));
        assertThat(runner.run(request, false)).isEqualTo(LoadJobRunner.Outcome.DONE);
        assertThat(count()).isEqualTo(580);
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution WHERE job_execution_id IN ("
                + EXECUTIONS_OF_REQUEST + ") ORDER BY job_execution_id", String.class, request.requestId()))
                .containsExactly("STOPPED", "COMPLETED");
    }

    @Test
    void aNodeWithoutAPolygonKeySaysItCannotLoadFromPolygonAndHowToEnableIt() {
        assertThat(nodeWithoutPolygonKey().providerUnavailable())
                .hasValueSatisfying(why -> assertThat(why)
                        .startsWith("POLYGON_API_KEY is not set on this node: export it before ./mdw node"));
        assertThat(runner.providerUnavailable()).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPolygonLoadOnANodeWithoutTheKeyFailsWithTheReasonInOneLogLineAndRunsWhenRestartedWithTheKey(
            CapturedOutput log) throws Exception {
        LoadRequest request = request();
        // as the API's trigger and ./mdw submit do when they queue a load
        symbols.register(SampleBars.TICKER, null, request.timeframes(), null);

        assertThat(nodeWithoutPolygonKey().run(request, false)).isEqualTo(LoadJobRunner.Outcome.NOT_STARTED);

        // what ./mdw jobs lists (the API's job view reads the same exit message)
        LoadRecord failed = listed(request);
        assertThat(failed.status()).isEqualTo(LoadStatus.FAILED);
        assertThat(failed.error()).isEqualTo("could not start: POLYGON_API_KEY is not set on this node: export it "
                + "before ./mdw node (or ./mdw up) to load from Polygon");
        assertThat(log.getOut().lines().filter(line -> line.contains(request.requestId())))
                .singleElement().asString().contains(" WARN ").endsWith(failed.error());
        assertThat(log.getOut()).doesNotContain(" ERROR ", "Exception").doesNotContainPattern("(?m)^\\s+at ");

        assertThat(runner.run(request, false)).isEqualTo(LoadJobRunner.Outcome.DONE);

        assertThat(count()).isEqualTo(580);
        assertThat(listed(request)).extracting(LoadRecord::status, LoadRecord::runs)
                .containsExactly(LoadStatus.COMPLETED, 2);
    }

    private BatchLoadJobRunner nodeWithoutPolygonKey() {
        PolygonProperties withoutKey = new PolygonProperties("", polygon.baseUrl(), polygon.callsPerMinute(),
                polygon.pageLimit(), polygon.requestTimeout(), polygon.maxAttempts(), polygon.initialBackoff(),
                polygon.maxBackoff(), polygon.circuitOpenWait());
        return new BatchLoadJobRunner(launcher, jobRepository, jobOperator, withoutKey);
    }

    private LoadRecord listed(LoadRequest request) {
        return history.recent(50).stream().map(LoadJobHistory.LoadSummary::load)
                .filter(load -> load.requestId().equals(request.requestId())).findFirst().orElseThrow();
    }

    private LoadRequest request() {
        return new LoadRequest(UUID.randomUUID().toString(), List.of(SampleBars.TICKER),
                List.of(Timeframe.FIVE_MINUTES), Instant.parse("2023-03-13T00:00:00Z"),
                Instant.parse("2023-03-16T00:00:00Z"), LoadRequest.POLYGON);
    }

    private long count() {
        return jdbc.queryForObject("SELECT count(*) FROM bars", Long.class);
    }
}
