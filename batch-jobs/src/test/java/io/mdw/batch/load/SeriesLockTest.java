package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mdw.batch.support.PolygonStub.Fault;
import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.SyntheticBars;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

/** Two loads of one series, however started (command line, node, nightly), run one after the other. */
class SeriesLockTest extends ProviderAndWarehouseTest {

    private static final String SERIES = "X:HELDUSD";
    private static final Instant START = Instant.parse("2023-03-01T00:00:00Z");
    /** Ten days of hourly bars: three pages of the provider, five chunks of a load from the start. */
    private static final List<RawBar> BARS = SyntheticBars.every(Duration.ofHours(1), START, 240);

    @Autowired
    LoadLauncher launcher;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    /**
     * The second load starts while the first is midway (two chunks stored, its next page slow to come). Running at once,
     * it would seed its features from the bars stored before its window, which lack those the first has yet to write.
     */
    @Test
    void aLoadOfASeriesAnotherLoadIsWritingStartsWhenThatOneEndsAndEveryBarHasTheFeaturesOfOneFullRun()
            throws Exception {
        Loads loads = secondStartedWhileTheFirstIsMidway();

        assertThat(loads.first().get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(loads.second().get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the second load asked the provider for nothing until the first had its last page
        List<String> requests = provider.requests();
        int lastOfFirst = lastIndexOfWindowFrom(requests, START);
        int firstOfSecond = requests.indexOf(requests.stream()
                .filter(request -> request.contains("/" + LATER_HALF.toEpochMilli() + "/")).findFirst()
                .orElseThrow());
        assertThat(firstOfSecond).isGreaterThan(lastOfFirst);
        assertFeaturesEqualAFullRunOf(SERIES, Timeframe.ONE_HOUR, START, START.plus(Duration.ofDays(10)), BARS);
    }

    /** A load stopped while it waits for the series (a node shutting down) ends stopped at once, and restarts. */
    @Test
    void aLoadStoppedWhileItWaitsForTheSeriesEndsStoppedAndItsRestartCompletesIt() throws Exception {
        Loads loads = secondStartedWhileTheFirstIsMidway();
        JobExecution waiting = await().atMost(Duration.ofSeconds(10)).until(() -> running(loads.laterHalf()),
                run -> run != null && run.getStepExecutions().stream()
                        .anyMatch(step -> step.getStepName().startsWith("loadSeries")));
        jobOperator.stop(waiting);

        JobExecution stopped = loads.second().get(10, TimeUnit.SECONDS);
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getStepExecutions()).filteredOn(step -> step.getStepName().startsWith("loadSeries"))
                .singleElement().satisfies(step -> assertThat(step.getReadCount()).isZero())
                .extracting(step -> PartitionProgressListener.rootMessage(step.getFailureExceptions().get(0)))
                .isEqualTo("stopped while waiting for another load of " + SERIES + " 1h to end");
        assertThat(loads.first().isDone()).as("the first load still runs").isFalse();
        assertThat(loads.first().get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JobExecution restarted = launcher.restart(launcher.restartable(loads.laterHalf().requestId()));
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertFeaturesEqualAFullRunOf(SERIES, Timeframe.ONE_HOUR, START, START.plus(Duration.ofDays(10)), BARS);
    }

    /** The second load's window: the series' later half. */
    private static final Instant LATER_HALF = START.plus(Duration.ofDays(5));

    private record Loads(CompletableFuture<JobExecution> first, LoadRequest laterHalf,
                         CompletableFuture<JobExecution> second) {
    }

    /**
     * Starts a load of the whole series, its pages after the first slow to come, and once it has stored two chunks, a
     * load of the series' later half.
     */
    private Loads secondStartedWhileTheFirstIsMidway() {
        provider.serve(SERIES, BARS);
        provider.failSeries(SERIES, 2, Fault.slow(600));
        LoadRequest whole = request(START);
        LoadRequest laterHalf = request(LATER_HALF);
        CompletableFuture<JobExecution> first = inBackground(() -> launcher.start(whole, null));
        awaitBarsStored(100);
        return new Loads(first, laterHalf, inBackground(() -> launcher.start(laterHalf, null)));
    }

    private static LoadRequest request(Instant from) {
        return new LoadRequest(UUID.randomUUID().toString(), List.of(SERIES), List.of(Timeframe.ONE_HOUR), from,
                START.plus(Duration.ofDays(10)), LoadRequest.POLYGON);
    }

    private JobExecution running(LoadRequest request) {
        var instance = jobRepository.getJobInstance(LoadBarsJobConfiguration.JOB_NAME,
                LoadJobParameters.identifying(request.requestId()));
        return instance == null ? null : jobRepository.getLastJobExecution(instance);
    }

    private void awaitBarsStored(long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bars WHERE symbol = ?", Long.class, SERIES) >= count);
    }

    private static int lastIndexOfWindowFrom(List<String> requests, Instant from) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).contains("/" + from.toEpochMilli() + "/")) {
                return i;
            }
        }
        throw new AssertionError("no request for the window from " + from);
    }
}
