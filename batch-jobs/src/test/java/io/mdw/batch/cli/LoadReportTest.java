package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.mdw.batch.load.LoadCounters;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

class LoadReportTest {

    @Test
    void theSummaryNamesWhatWasSkippedOrWithdrawnOnlyWhenThereIsSomeAndThisRunsShareOfARestartedLoad() {
        assertThat(LoadReport.summary(BatchStatus.COMPLETED, new LoadCounters(200, 3, 195, 1, 0, 0), 200,
                Duration.ofSeconds(2)))
                .isEqualTo("done: stored 200 bars, rejected 3, validated 97.5%, gaps 1 (2.0 s, 100 bars/s)");
        assertThat(LoadReport.summary(BatchStatus.COMPLETED, new LoadCounters(94, 0, 94, 1, 0, 2), 94,
                Duration.ofMillis(500)))
                .isEqualTo("done: stored 94 bars, rejected 0, validated 100.0%, gaps 1,"
                        + " withdrew 2 no longer in the provider's answer (0.5 s, 188 bars/s)");
        assertThat(LoadReport.summary(BatchStatus.FAILED, new LoadCounters(150, 0, 150, 0, 19, 0), 50,
                Duration.ofSeconds(1)))
                .isEqualTo("failed: stored 150 bars, rejected 0, validated 100.0%, gaps 0, skipped 19 outside the window"
                        + " (50 in this run, 1.0 s, 50 bars/s)");
    }
}
