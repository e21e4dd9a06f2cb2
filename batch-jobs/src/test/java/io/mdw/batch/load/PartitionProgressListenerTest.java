package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionProgressListenerTest {

    @Test
    void aProgressLineNamesWhatWasSkippedOrWithdrawnOnlyWhenThereIsSome() {
        assertThat(PartitionProgressListener.describe(new LoadCounters(200, 3, 195, 1, 0, 0)))
                .isEqualTo("stored 200  rejected 3  validated 97.5%  gaps 1");
        assertThat(PartitionProgressListener.describe(new LoadCounters(94, 0, 94, 1, 0, 2)))
                .isEqualTo("stored 94  rejected 0  validated 100.0%  gaps 1  withdrawn 2");
        assertThat(PartitionProgressListener.describe(new LoadCounters(0, 0, 0, 0, 19, 0)))
                .isEqualTo("stored 0  rejected 0  validated n/a  gaps 0  skipped 19 outside the window");
    }
}
