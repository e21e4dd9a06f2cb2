package io.mdw.quality;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualityFlagTest {

    @Test
    void aBarIsInAGroupWhenAnyOfItsFlagsIs() {
        assertThat(QualityFlag.Group.GAP.containsAny(List.of("volume_spike", "missing_bars"))).isTrue();
        assertThat(QualityFlag.Group.GAP.containsAny(List.of("price_gap"))).isTrue();
        assertThat(QualityFlag.Group.GAP.containsAny(List.of("volume_spike"))).isFalse();
        assertThat(QualityFlag.Group.VOLUME_ANOMALY.containsAny(List.of("volume_drought"))).isTrue();
        assertThat(QualityFlag.Group.VOLUME_ANOMALY.containsAny(List.of())).isFalse();
    }

    @Test
    void missingBarsAreAGapButNotAnAnomalyOfTheBar() {
        assertThat(QualityFlag.Group.GAP.codes()).containsExactly("price_gap", "missing_bars");
        assertThat(QualityFlag.Group.VOLUME_ANOMALY.codes()).containsExactly("volume_spike", "volume_drought");
        assertThat(QualityFlag.Group.ANOMALY.codes())
                .containsExactly("ohlc_invalid", "extreme_move", "price_gap", "volume_spike", "volume_drought");
    }
}
