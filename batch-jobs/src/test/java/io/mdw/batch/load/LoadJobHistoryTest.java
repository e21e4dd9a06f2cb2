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
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadSubmissionService;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
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
    void aFailedLoadQueuedAgainIsListedOnceAsQueued() throws Exception {
        // a series of its own, so that its queued trigger stands in no other test's way
        LoadRequest request = new LoadRequest(UUID.randomUUID().toString(), List.of("X:REQUEUEDUSD"),
                List.of(Timeframe.ONE_DAY), Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"),
                LoadRequest.POLYGON);
        provider.failFromRequest(1);
        assertThatThrownBy(() -> runner.run(request, false)).hasMessageContaining("FAILED");
        assertThat(listed(request)).extracting(LoadJobHistory.LoadSummary::status).containsExactly("FAILED");

        // queued for a node again, as the API's restart does: waiting to run, whatever its last run did
        assertThat(submissions.submit(request).existing()).isFalse();

        List<LoadJobHistory.LoadSummary> listed = listed(request);
        assertThat(listed).extracting(LoadJobHistory.LoadSummary::status).containsExactly("QUEUED");
        assertThat(listed.get(0).executions()).isEqualTo(1);
        assertThat(listed.get(0).error()).isNull();
    }

    @Test
    void aLoadWhoseStartFailedBeforeItRanIsListedFailedAndARestartRunsIt() throws Exception {
        LoadRequest request = new LoadRequest(UUID.randomUUID().toString(), List.of("X:NOSTARTUSD"),
                List.of(Timeframe.ONE_DAY), Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"),
                LoadRequest.POLYGON);
        // what a start interrupted between its job instance and its execution leaves: Spring Batch refuses to start
        // an instance without executions
        jobRepository.createJobInstance(LoadBarsJobConfiguration.JOB_NAME, LoadJobParameters.of(request));

        assertThatThrownBy(() -> runner.run(request, false)).hasMessageContaining("Cannot find any job execution");

        List<LoadJobHistory.LoadSummary> failed = listed(request);
        assertThat(failed).extracting(LoadJobHistory.LoadSummary::status).containsExactly("FAILED");
        assertThat(failed.get(0).error()).startsWith("could not start: Cannot find any job execution");

        runner.run(request, false);

        assertThat(listed(request)).extracting(LoadJobHistory.LoadSummary::status,
                        LoadJobHistory.LoadSummary::executions)
                .containsExactly(tuple("COMPLETED", 2));
    }

    @Test
    void loadsAreListedByWhenTheyLastStartedOrWereSubmittedNewestFirst() throws Exception {
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

        List<LoadJobHistory.LoadSummary> listed = history.recent(50);

        assertThat(listed).extracting(LoadJobHistory.LoadSummary::requestId)
                .containsSubsequence(restarted.requestId(), waiting.requestId(), completed.requestId());
        assertThat(listed).extracting(LoadJobHistory.LoadSummary::latest)
                .isSortedAccordingTo(Comparator.<LocalDateTime>naturalOrder().reversed());
        assertThat(history.recent(1)).extracting(LoadJobHistory.LoadSummary::requestId)
                .containsExactly(restarted.requestId());
    }

    private List<LoadJobHistory.LoadSummary> listed(LoadRequest request) {
        return history.recent(50).stream().filter(job -> job.requestId().equals(request.requestId())).toList();
    }

    /** A series of its own, so that its queued trigger stands in no other test's way. */
    private static LoadRequest request(String symbol) {
        return new LoadRequest(UUID.randomUUID().toString(), List.of(symbol), List.of(Timeframe.ONE_DAY),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"), LoadRequest.POLYGON);
    }
}
