package io.mdw.batch.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mdw.batch.load.FollowingBarsProcessor.Recomputed;
import io.mdw.batch.warehouse.BarStore;
import io.mdw.batch.warehouse.QualityDailyStore;
import io.mdw.calendar.TradingCalendar;
import io.mdw.pipeline.Accepted;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores the recomputed bars of a chunk, each under its own source (a row whose values did not change is not
 * rewritten), refreshes the daily quality of the days whose bars changed, and tells {@link SeriesConvergence} whether
 * anything changed.
 */
public class FollowingBarsWriter implements ItemWriter<Recomputed> {

    private final SeriesWindow window;
    private final TradingCalendar calendar;
    private final BarStore bars;
    private final QualityDailyStore quality;
    private final SeriesConvergence convergence;

    public FollowingBarsWriter(SeriesWindow window, TradingCalendar calendar, BarStore bars, QualityDailyStore quality,
            SeriesConvergence convergence) {
        this.window = window;
        this.calendar = calendar;
        this.bars = bars;
        this.quality = quality;
        this.convergence = convergence;
    }

    @Override
    public void write(Chunk<? extends Recomputed> chunk) throws Exception {
        Map<String, List<Accepted>> bySource = chunk.getItems().stream().collect(Collectors.groupingBy(
                Recomputed::source, LinkedHashMap::new, Collectors.mapping(Recomputed::accepted, Collectors.toList())));
        boolean changedAny = false;
        TouchedDays touchedDays = new TouchedDays(calendar, window.timeframe());
        for (Map.Entry<String, List<Accepted>> sourced : bySource.entrySet()) {
            BarStore.Upserted upserted = bars.upsert(window.symbol(), window.timeframe(), sourced.getKey(),
                    sourced.getValue());
            changedAny |= !upserted.changedNothing();
            upserted.bars().forEach(touchedDays::add);
        }
        quality.refresh(window.symbol(), window.timeframe(), touchedDays.expectedByDay());
        convergence.chunkWritten(chunk.size(), changedAny);
    }
}
