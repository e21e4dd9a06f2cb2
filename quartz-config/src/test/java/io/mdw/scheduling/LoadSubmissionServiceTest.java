package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.mdw.market.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Submissions from a process that only submits (the API, the CLI): nothing here ever executes. */
class LoadSubmissionServiceTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-02-01T00:00:00Z");

    private HikariDataSource dataSource;
    private TestNodes cluster;
    private ConfigurableApplicationContext submitter;
    private LoadSubmissionService submissions;
    private JdbcClient jdbc;

    @BeforeEach
    void startSubmitter() {
        dataSource = TestDatabases.freshWarehouse();
        cluster = new TestNodes(dataSource);
        submitter = cluster.submitter();
        submissions = submitter.getBean(LoadSubmissionService.class);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stop() {
        cluster.close();
        dataSource.close();
    }

    @Test
    void aSubmittedRequestIsStoredAsAOneShotJobThatASubmitterNeverRuns() throws Exception {
        LoadRequest request = request("r1", List.of("AAPL", "MSFT"), List.of(Timeframe.ONE_DAY, Timeframe.ONE_HOUR));

        assertThat(submissions.submit(request)).isEqualTo(new Submission("r1", false));

        assertThat(submissions.find("r1")).contains(request);
        assertThat(submitter.getBean(Scheduler.class).isStarted()).isFalse();
        assertThat(jdbc.sql("select trigger_state from qrtz_triggers where job_name = 'r1'").query(String.class).list())
                .containsExactly("WAITING");
        assertThat(jdbc.sql("select requests_recovery from qrtz_job_details where job_name = 'r1'")
                .query(Boolean.class).single()).isTrue();
        // plain strings in the store, not a serialized Java object
        assertThat(new String(jdbc.sql("select job_data from qrtz_job_details where job_name = 'r1'")
                .query(byte[].class).single())).contains("symbols=AAPL,MSFT", "timeframes=1d,1h");
    }

    @Test
    void aRequestTouchingAQueuedSeriesGetsTheQueuedJob() {
        submissions.submit(request("first", List.of("AAPL", "MSFT"), List.of(Timeframe.ONE_DAY)));

        assertThat(submissions.submit(request("second", List.of("MSFT"), List.of(Timeframe.ONE_DAY, Timeframe.ONE_HOUR))))
                .isEqualTo(new Submission("first", true));
        assertThat(submissions.submit(request("first", List.of("TSLA"), List.of(Timeframe.ONE_WEEK))))
                .isEqualTo(new Submission("first", true));
        assertThat(submissions.submit(request("other-timeframe", List.of("MSFT"), List.of(Timeframe.ONE_HOUR))))
                .isEqualTo(new Submission("other-timeframe", false));
        assertThat(submissions.find("second")).isEmpty();
    }

    @Test
    void aPausedRequestIsStillQueuedAndStillHoldsItsSeries() {
        submissions.submit(request("paused", List.of("AAPL"), List.of(Timeframe.ONE_DAY)));
        // an operator paused its trigger: it runs once resumed
        jdbc.sql("update qrtz_triggers set trigger_state = 'PAUSED' where job_name = 'paused'").update();

        assertThat(submitter.getBean(LoadRecords.class).recent(10)).extracting(LoadRecord::requestId, LoadRecord::status)
                .containsExactly(tuple("paused", LoadStatus.QUEUED));
        assertThat(submissions.submit(request("again", List.of("AAPL"), List.of(Timeframe.ONE_DAY))))
                .isEqualTo(new Submission("paused", true));
    }

    @Test
    void aRequestTouchingASeriesBeingLoadedByABatchExecutionGetsThatJob() throws Exception {
        submissions.submit(request("running", List.of("AAPL"), List.of(Timeframe.ONE_DAY)));
        finishTrigger("running");
        startBatchExecution("running");

        assertThat(submissions.submit(request("again", List.of("AAPL"), List.of(Timeframe.ONE_DAY))))
                .isEqualTo(new Submission("running", true));
    }

    @Test
    void aRequestTouchingASeriesBeingLoadedInTheForegroundGetsThatLoad() {
        startBatchExecution("foreground-backfill");

        assertThat(submissions.submit(request("again", List.of("MSFT"), List.of(Timeframe.ONE_DAY))))
                .isEqualTo(new Submission("foreground-backfill", true));
        assertThat(submissions.submit(request("other", List.of("MSFT"), List.of(Timeframe.ONE_HOUR))))
                .isEqualTo(new Submission("other", false));
    }

    @Test
    void aFinishedRequestNoLongerBlocksItsSeriesAndCanBeResubmitted() throws Exception {
        submissions.submit(request("done", List.of("AAPL"), List.of(Timeframe.ONE_DAY)));
        finishTrigger("done");

        assertThat(submissions.submit(request("next", List.of("AAPL"), List.of(Timeframe.ONE_DAY))))
                .isEqualTo(new Submission("next", false));
        assertThat(submissions.resubmit("done")).isEqualTo(new Submission("next", true));

        finishTrigger("next");
        assertThat(submissions.resubmit("done")).isEqualTo(new Submission("done", false));
        assertThat(jdbc.sql("select trigger_state from qrtz_triggers where job_name = 'done'").query(String.class).list())
                .containsExactly("WAITING");
        assertThatThrownBy(() -> submissions.resubmit("unknown")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void concurrentSubmittersOfOneSeriesScheduleItOnce() throws Exception {
        // a second submitter process: its own scheduler and transaction manager on the same database
        LoadSubmissionService otherProcess = cluster.submitter().getBean(LoadSubmissionService.class);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Submission>> racing = IntStream.range(0, 16)
                    .mapToObj(i -> (Callable<Submission>) () -> (i % 2 == 0 ? submissions : otherProcess)
                            .submit(request("race-" + i, List.of("AAPL"), List.of(Timeframe.ONE_DAY))))
                    .toList();
            List<Submission> answers = threads.invokeAll(racing).stream().map(LoadSubmissionServiceTest::answer).toList();

            List<Submission> scheduled = answers.stream().filter(answer -> !answer.existing()).toList();
            assertThat(scheduled).hasSize(1);
            assertThat(answers).extracting(Submission::jobId).containsOnly(scheduled.get(0).jobId());
            assertThat(jdbc.sql("select count(*) from qrtz_job_details where job_group = 'load'")
                    .query(Integer.class).single()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    /** What a node leaves once it ran a request: the durable job without its one-shot trigger. */
    private void finishTrigger(String jobId) {
        jdbc.sql("delete from qrtz_simple_triggers where trigger_name = ?").param(jobId).update();
        jdbc.sql("delete from qrtz_triggers where trigger_name = ?").param(jobId).update();
    }

    private void startBatchExecution(String requestId) {
        jdbc.sql("insert into batch_job_instance (job_instance_id, version, job_name, job_key) values (1, 0, 'loadBars', 'k')")
                .update();
        jdbc.sql("""
                insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time, status)
                values (1, 1, 1, now(), now(), 'STARTED')""").update();
        // the parameter names spelled out as stored: rows already in a database must keep reading
        jdbc.sql("""
                insert into batch_job_execution_params
                    (job_execution_id, parameter_name, parameter_type, parameter_value, identifying)
                values (1, 'requestId', 'java.lang.String', ?, 'Y'),
                       (1, 'symbols', 'java.lang.String', 'AAPL,MSFT', 'N'),
                       (1, 'timeframes', 'java.lang.String', '1d', 'N')""").param(requestId).update();
    }

    private static Submission answer(Future<Submission> submission) {
        try {
            return submission.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LoadRequest request(String id, List<String> symbols, List<Timeframe> timeframes) {
        return new LoadRequest(id, symbols, timeframes, FROM, TO, "polygon");
    }
}
