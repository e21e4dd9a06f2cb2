package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mdw.market.Bar;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.Rejected;
import org.junit.jupiter.api.Test;

/** Bars counted against the request they came from, whatever the chunks' boundaries. */
class BarOriginsTest {

    private static final Instant START = Instant.parse("2023-03-13T00:00:00Z");

    @Test
    void chunksThatSpanPagesCountEachBarAgainstItsOwnPage() {
        // pages of 100, 100 and 80 bars from requests 11, 12 and 13; every 7th item rejected; chunks of 70
        BarOrigins origins = new BarOrigins();
        List<ProcessedItem> items = new ArrayList<>();
        Map<Long, Integer> expected = new LinkedHashMap<>();
        int[][] pages = {{11, 100}, {12, 100}, {13, 80}};
        for (int[] page : pages) {
            for (int i = 0; i < page[1]; i++) {
                origins.read(page[0]);
                ProcessedItem item = items.size() % 7 == 0 ? rejected(items.size()) : accepted(items.size());
                if (item instanceof Accepted) {
                    expected.merge((long) page[0], 1, Integer::sum);
                }
                items.add(item);
            }
        }
        Set<Instant> allStored = new HashSet<>();
        items.stream().filter(Accepted.class::isInstance).forEach(a -> allStored.add(((Accepted) a).bar().time()));

        Map<Long, Integer> counted = new LinkedHashMap<>();
        for (int from = 0; from < items.size(); from += 70) {
            origins.storedByRequest(items.subList(from, Math.min(from + 70, items.size())), allStored)
                    .forEach((request, bars) -> counted.merge(request, bars, Integer::sum));
        }

        assertThat(counted).isEqualTo(expected);
        assertThat(expected).containsEntry(11L, 85).containsEntry(12L, 86).containsEntry(13L, 69);
    }

    @Test
    void aBarStoredAsItWasAlreadyIsNotCounted() {
        BarOrigins origins = new BarOrigins();
        List<ProcessedItem> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            origins.read(21);
            items.add(accepted(i));
        }

        Map<Long, Integer> counted = origins.storedByRequest(items, Set.of(START.plusSeconds(60), START.plusSeconds(180)));

        assertThat(counted).containsExactly(Map.entry(21L, 2));
    }

    @Test
    void itemsReadFromAFileHaveNoRequest() {
        assertThat(new BarOrigins().storedByRequest(List.of(accepted(0), accepted(1)), Set.of(START))).isEmpty();
    }

    private static Accepted accepted(int minute) {
        BigDecimal price = BigDecimal.TEN;
        return new Accepted(new Bar(START.plusSeconds(60L * minute), price, price, price, price, BigDecimal.ONE, null,
                null), null, null);
    }

    private static Rejected rejected(int minute) {
        return new Rejected(null, START.plusSeconds(60L * minute), "test");
    }
}
