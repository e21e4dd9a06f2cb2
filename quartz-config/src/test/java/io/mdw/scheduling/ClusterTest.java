package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.RecordingRunner.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Batch nodes and submitters of one cluster, as separate Spring Boot processes on one warehouse database. */
@ExtendWith(OutputCaptureExtension.class)
class ClusterTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-02-01T00:00:00Z");

    private final List<Run> runs = RecordingRunner.sharedLog();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private HikariDataSource dataSource;
    private TestNodes cluster;
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        dataSource = TestDatabases.freshWarehouse();
        cluster = new TestNodes(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        cluster.close();
        dataSource.close();
    }

    @Test
    void eachSubmittedJobRunsExactlyOnceAndBothNodesTakeWork() {
        // each job holds its node's thread until both nodes are busy, so neither node can take all the work
        CountDownLatch bothNodesBusy = new CountDownLatch(1);
        RecordingRunner.Work untilBothBusy = request -> {
            if (runs.stream().map(Run::node).distinct().count() == 2) {
                bothNodesBusy.countDown();
            }
            bothNodesBusy.await(30, TimeUnit.SECONDS);
        };
        cluster.node("node-a", new RecordingRunner("node-a", runs, untilBothBusy));
        cluster.node("node-b", new RecordingRunner("node-b", runs, untilBothBusy));
        LoadSubmissionService submissions = cluster.submitter().getBean(LoadSubmissionService.class);

        List<String> submitted = IntStream.range(0, 12)
                .mapToObj(i -> submissions.submit(request("job-" + i, "SYM" + i)).jobId())
                .toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == submitted.size());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() == submitted.size());
        Map<String, Long> timesRun = runs.stream().collect(Collectors.groupingBy(Run::requestId, Collectors.counting()));
        assertThat(timesRun).containsOnlyKeys(submitted).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(runs).extracting(Run::node).contains("node-a", "node-b");
        assertThat(runs).extracting(Run::recovering).containsOnly(false);
    }

    @Test
    void aSubmissionStartsWithinTwoSecondsOnAnIdleCluster() {
        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> { }));
        cluster.node("node-b", new RecordingRunner("node-b", runs, request -> { }));
        LoadSubmissionService submissions = cluster.submitter().getBean(LoadSubmissionService.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> checkedInNodes() == 2);

        for (int i = 1; i <= 5; i++) {
            int expectedRuns = i;
            long submittedAt = System.nanoTime();
            submissions.submit(request("quick-" + i, "SYM" + i));

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> runs.size() == expectedRuns);
            System.out.printf("submission to execution: %d ms%n", (System.nanoTime() - submittedAt) / 1_000_000);
        }
    }

    @Test
    void aJobOfANodeThatDiesMidwayIsRecoveredByAnotherNode() throws Exception {
        CountDownLatch runningOnA = new CountDownLatch(1);
        ConfigurableApplicationContext nodeA = cluster.node("node-a", new RecordingRunner("node-a", runs, request -> {
            runningOnA.countDown();
            testOver.await();
        }));
        LoadSubmissionService submissions = nodeA.getBean(LoadSubmissionService.class);
        submissions.submit(request("long-load", "AAPL"));
        assertThat(runningOnA.await(10, TimeUnit.SECONDS)).isTrue();

        // what kill -9 leaves behind: no more check-ins, the fired trigger of a job still marked executing
        nodeA.getBean(Scheduler.class).shutdown(false);
        assertThat(jdbc.sql("select instance_name from qrtz_fired_triggers where job_name = 'long-load'")
                .query(String.class).list()).containsExactly("node-a");
        ConfigurableApplicationContext nodeB = cluster.node("node-b", new RecordingRunner("node-b", runs, request -> { }));

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 2);
        assertThat(runs).containsExactly(new Run("long-load", "node-a", false), new Run("long-load", "node-b", true));
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select count(*) from qrtz_fired_triggers")
                .query(Integer.class).single() == 0);
        assertThat(nodeB.getBean(LoadSubmissionService.class).find("long-load")).isPresent();
    }

    @Test
    void aLoadStoppedByItsNodesShutdownIsQueuedAgainAndResumedByTheNextNode() throws Exception {
        CountDownLatch runningOnA = new CountDownLatch(1);
        CountDownLatch shuttingDown = new CountDownLatch(1);
        ConfigurableApplicationContext nodeA = cluster.node("node-a", new RecordingRunner("node-a", runs, request -> {
            runningOnA.countDown();
            shuttingDown.await();
        }, LoadJobRunner.Outcome.STOPPED_BY_SHUTDOWN));
        nodeA.getBean(LoadSubmissionService.class).submit(request("stopped-load", "AAPL"));
        assertThat(runningOnA.await(10, TimeUnit.SECONDS)).isTrue();

        // a graceful shutdown waits for the running load, which stops after its chunk meanwhile
        Thread closing = new Thread(nodeA::close);
        closing.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodeA.getBean(Scheduler.class).isStarted()
                || nodeA.getBean(Scheduler.class).isInStandbyMode());
        shuttingDown.countDown();
        closing.join(30_000);
        assertThat(closing.isAlive()).isFalse();
        assertThat(runs).containsExactly(new Run("stopped-load", "node-a", false));
        assertThat(jdbc.sql("select trigger_state from qrtz_triggers where job_name = 'stopped-load'")
                .query(String.class).list()).containsExactly("WAITING");

        cluster.node("node-b", new RecordingRunner("node-b", runs, request -> { }));

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 2);
        assertThat(runs.get(1)).isEqualTo(new Run("stopped-load", "node-b", false));
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select count(*) from qrtz_triggers"
                + " where job_name = 'stopped-load'").query(Integer.class).single() == 0);
    }

    @Test
    void aLoadItsNodeCouldNotStartIsLeftForARestartWithoutAStackTrace(CapturedOutput logs) {
        // the runner recorded the load failed and logged why, in one line of its own
        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> { }, LoadJobRunner.Outcome.NOT_STARTED));

        cluster.submitter().getBean(LoadSubmissionService.class).submit(request("not-started", "AAPL"));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from qrtz_triggers"
                + " where job_name = 'not-started'").query(Integer.class).single() == 0);
        assertThat(runs).containsExactly(new Run("not-started", "node-a", false));
        assertThat(logs.getAll()).doesNotContain("JobExecutionException").doesNotContainPattern("(?m)^\\s+at ");
        // kept, for a restart to queue it again
        assertThat(jdbc.sql("select count(*) from qrtz_job_details where job_name = 'not-started'")
                .query(Integer.class).single()).isOne();
    }

    @Test
    void aNightMissedWhileNoNodeRanFiresOnceWhenANodeStarts() {
        jdbc.sql("insert into symbols (symbol, asset_class, provider_ticker, timeframes, history_start) "
                + "values ('ETHUSD', 'crypto', 'X:ETHUSD', '{5m}', '2023-03-13')").update();
        ConfigurableApplicationContext submitter = nightlyTriggerRegisteredThreeDaysAgo();

        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> { }));

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        assertThat(runs.get(0).requestId()).matches("nightly-\\d{4}-\\d{2}-\\d{2}T\\d{6}Z-ETHUSD-5m");
        LoadRequest loaded = submitter.getBean(LoadSubmissionService.class).find(runs.get(0).requestId()).orElseThrow();
        assertThat(loaded.from()).isEqualTo(Instant.parse("2023-03-13T00:00:00Z"));
        Date nextNight = inTransaction(submitter, scheduler -> scheduler.getTrigger(NightlyLoadSchedule.TRIGGER).getNextFireTime());
        assertThat(nextNight).isAfter(new Date());
    }

    @Test
    void everyFireOfTheScheduleLoadsExceptASeriesStillQueuedOrRunning(CapturedOutput logs) {
        jdbc.sql("insert into symbols (symbol, asset_class, provider_ticker, timeframes) "
                + "values ('X:ETHUSD', 'crypto', 'X:ETHUSD', '{5m}')").update();
        CountDownLatch secondFireDone = new CountDownLatch(1);
        // the first load runs until the next fire has seen it; the later ones end at once
        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> {
            if (runs.size() == 1) {
                secondFireDone.await(30, TimeUnit.SECONDS);
            }
        }), "--mdw.nightly.cron=*/2 * * * * ?");

        await().atMost(Duration.ofSeconds(30)).until(() -> nightlyLogLines(logs).size() >= 2);
        secondFireDone.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 2 && nightlyLogLines(logs).size() >= 3);

        List<String> lines = nightlyLogLines(logs);
        assertThat(lines.get(0)).endsWith(": 1 jobs submitted, 0 already queued or running");
        assertThat(lines.get(1)).endsWith(": 0 jobs submitted, 1 already queued or running");
        assertThat(lines.get(2)).endsWith(": 1 jobs submitted, 0 already queued or running");
        assertThat(runs).extracting(Run::requestId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("nightly-\\d{4}-\\d{2}-\\d{2}T\\d{6}Z-X:ETHUSD-5m"));
    }

    @Test
    void aFireRunAgainAfterItsNodeDiedQueuesNothingItHadQueued(CapturedOutput logs) {
        jdbc.sql("insert into symbols (symbol, asset_class, provider_ticker, timeframes) "
                + "values ('X:ETHUSD', 'crypto', 'X:ETHUSD', '{5m}')").update();
        ConfigurableApplicationContext submitter = nightlyTriggerRegisteredThreeDaysAgo();
        Instant fire = Instant.parse("2024-05-02T02:00:00Z");
        // only the runs of that fire again: what Quartz schedules for a job of a dead node, here twice
        inTransaction(submitter, scheduler -> {
            scheduler.pauseTrigger(NightlyLoadSchedule.TRIGGER);
            scheduler.scheduleJob(recoveryOf(fire, "recover-1"));
            scheduler.scheduleJob(recoveryOf(fire, "recover-2"));
            return null;
        });

        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> { }));

        await().atMost(Duration.ofSeconds(30)).until(() -> nightlyLogLines(logs).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        assertThat(runs).extracting(Run::requestId).containsExactly("nightly-2024-05-02T020000Z-X:ETHUSD-5m");
        assertThat(nightlyLogLines(logs)).containsExactly(
                "Nightly load of 2024-05-02T02:00:00Z: 1 jobs submitted, 0 already queued or running",
                "Nightly load of 2024-05-02T02:00:00Z: 0 jobs submitted, 0 already queued or running,"
                        + " 1 submitted before by this same run");
    }

    /** The trigger Quartz's cluster recovery creates to run a dead node's nightly job again. */
    private static Trigger recoveryOf(Instant scheduledFire, String name) {
        return TriggerBuilder.newTrigger()
                .withIdentity(name, Scheduler.DEFAULT_RECOVERY_GROUP)
                .forJob(NightlyLoadSchedule.JOB)
                .usingJobData(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS,
                        String.valueOf(scheduledFire.toEpochMilli()))
                .startNow()
                .build();
    }

    private static List<String> nightlyLogLines(CapturedOutput logs) {
        return logs.getAll().lines().filter(line -> line.contains("Nightly load of"))
                .map(line -> line.substring(line.indexOf("Nightly load of"))).toList();
    }

    @Test
    void aNodeThatCannotLoadFromTheProviderQueuesNoNightlyLoadAndSaysWhyOnce(CapturedOutput logs) {
        jdbc.sql("insert into symbols (symbol, asset_class, provider_ticker, timeframes) "
                + "values ('X:ETHUSD', 'crypto', 'X:ETHUSD', '{5m,1h}'), ('AAPL', 'stock', 'AAPL', '{1d}')").update();
        ConfigurableApplicationContext submitter = nightlyTriggerRegisteredThreeDaysAgo();

        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> { })
                .withoutProvider("POLYGON_API_KEY is not set on this node"));

        await().atMost(Duration.ofSeconds(30)).until(() -> logs.getAll().contains("Nightly load of"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(runs::isEmpty);
        assertThat(logs.getAll().lines().filter(line -> line.contains("Nightly load of")))
                .singleElement().asString()
                .containsPattern("Nightly load of \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z queued nothing: POLYGON_API_KEY is not set");
        assertThat(jdbc.sql("select count(*) from qrtz_job_details where job_group = :group")
                .param("group", LoadTriggers.GROUP).query(Integer.class).single()).isZero();
    }

    @Test
    void startingNodesRegisterTheNightlyTriggerOnceAndANewScheduleReplacesItWithAWarning(CapturedOutput logs) {
        cluster.node("node-a", new RecordingRunner("node-a", runs, request -> { }));
        ConfigurableApplicationContext submitter = cluster.submitter();
        Date registered = inTransaction(submitter, scheduler -> scheduler.getTrigger(NightlyLoadSchedule.TRIGGER).getStartTime());

        cluster.node("node-b", new RecordingRunner("node-b", runs, request -> { }));
        Date afterSecondNode = inTransaction(submitter,
                scheduler -> scheduler.getTrigger(NightlyLoadSchedule.TRIGGER).getStartTime());
        assertThat(afterSecondNode).isEqualTo(registered);

        cluster.node("node-c", new RecordingRunner("node-c", runs, request -> { }),
                "--mdw.nightly.cron=0 30 3 * * ?", "--mdw.nightly.zone=America/New_York");
        CronTrigger replaced = inTransaction(submitter,
                scheduler -> (CronTrigger) scheduler.getTrigger(NightlyLoadSchedule.TRIGGER));
        assertThat(replaced.getCronExpression()).isEqualTo("0 30 3 * * ?");
        assertThat(replaced.getTimeZone().getID()).isEqualTo("America/New_York");
        assertThat(logs.getAll().lines().filter(line -> line.contains("replaced the cluster's nightly schedule")))
                .singleElement().asString().contains("WARN").contains("This node replaced the cluster's nightly"
                        + " schedule '0 0 2 * * ?' in UTC with its own '0 30 3 * * ?' in America/New_York");
        assertThat(jdbc.sql("select count(*) from qrtz_triggers where job_group = 'mdw'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aNodeWithoutALoadJobRunnerRefusesToStart() {
        assertThatThrownBy(() -> cluster.submitter("--mdw.scheduler.role=node"))
                .hasStackTraceContaining("mdw.scheduler.role=node needs a LoadJobRunner bean");
    }

    /** The nightly trigger as a node registered it three days ago: its 02:00 fire times have all passed. */
    private ConfigurableApplicationContext nightlyTriggerRegisteredThreeDaysAgo() {
        ConfigurableApplicationContext submitter = cluster.submitter();
        Date threeDaysAgo = Date.from(Instant.now().minus(Duration.ofDays(3)));
        inTransaction(submitter, scheduler -> {
            scheduler.addJob(NightlyLoadSchedule.job(), true);
            scheduler.scheduleJob(NightlyLoadSchedule.trigger("0 0 2 * * ?", TimeZone.getTimeZone("UTC"), threeDaysAgo));
            return null;
        });
        return submitter;
    }

    private int checkedInNodes() {
        return jdbc.sql("select count(*) from qrtz_scheduler_state").query(Integer.class).single();
    }

    private <T> T inTransaction(ConfigurableApplicationContext process, SchedulerCall<T> call) {
        Scheduler scheduler = process.getBean(Scheduler.class);
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> {
            try {
                return call.apply(scheduler);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @FunctionalInterface
    private interface SchedulerCall<T> {
        T apply(Scheduler scheduler) throws Exception;
    }

    private static LoadRequest request(String id, String symbol) {
        return new LoadRequest(id, List.of(symbol), List.of(Timeframe.ONE_DAY), FROM, TO, "polygon");
    }
}
