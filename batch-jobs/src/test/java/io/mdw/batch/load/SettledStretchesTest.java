package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.mdw.batch.load.SettledStretches.Stretch;
import io.mdw.market.Bar;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.Rejected;
import org.junit.jupiter.api.Test;

class SettledStretchesTest {

    private final SettledStretches settled = new SettledStretches();

    @Test
    void theStretchesBetweenBarsSentOneAfterTheOtherAreSettledChunkAfterChunk() {
        assertThat(settled.settledBy(List.of(bar(0), bar(1), bar(3))))
                .containsExactly(new Stretch(at(0), at(3), List.of(at(1))));
        // the next chunk goes on from the last bar of the one before, never from before the first
        assertThat(settled.settledBy(List.of(bar(5), bar(6))))
                .containsExactly(new Stretch(at(3), at(6), List.of(at(5))));
    }

    @Test
    void aRefusedItemWhateverItsTimeSettlesNothingAroundIt() {
        assertThat(settled.settledBy(List.of(bar(0), bar(2), refused(null), bar(5), bar(7), refused(8))))
                .containsExactly(new Stretch(at(0), at(2), List.of()), new Stretch(at(5), at(7), List.of()));
        assertThat(settled.settledBy(List.of(bar(9), bar(11))))
                .containsExactly(new Stretch(at(9), at(11), List.of()));
    }

    @Test
    void aChunkWithAnItemOutOfOrderAndEveryChunkAfterItSettleNothing() {
        assertThat(settled.settledBy(List.of(bar(0), bar(2), bar(4), refused(3), bar(6), bar(8)))).isEmpty();
        assertThat(settled.settledBy(List.of(bar(9), bar(11)))).isEmpty();
    }

    @Test
    void aRefusedItemAheadOfTheBarsAfterItIsOutOfOrderToo() {
        assertThat(settled.settledBy(List.of(bar(0), refused(9), bar(2), bar(4)))).isEmpty();
    }

    private static Instant at(int minutes) {
        return Instant.parse("2026-11-30T00:00:00Z").plusSeconds(60L * minutes);
    }

    private static ProcessedItem bar(int minutes) {
        BigDecimal price = BigDecimal.TEN;
        return new Accepted(new Bar(at(minutes), price, price, price, price, BigDecimal.ONE, null, null), null, null);
    }

    private static ProcessedItem refused(Integer minutes) {
        return new Rejected(null, minutes == null ? null : at(minutes), "refused");
    }
}
