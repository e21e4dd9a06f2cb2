package io.mdw.batch.load;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mdw.batch.load.FollowingBarsProcessor.Outcome;
import io.mdw.batch.load.FollowingBarsProcessor.Recomputed;
import io.mdw.batch.load.FollowingBarsProcessor.Withdrawn;
import io.mdw.batch.warehouse.BarStore;
import io.mdw.batch.warehouse.QualityDailyStore;
import io.mdw.calendar.TradingCalendar;
import io.mdw.pipeline.Accepted;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Takes out the withdrawn bars of a chunk (kept by {@link WithdrawnBars}), stores its recomputed bars, each under its
 * own source (a row whose values did not change is not rewritten), refreshes the daily quality of the days whose bars
 * changed, and tells {@link SeriesConvergence} whether anything changed.
 */
public class FollowingBarsWriter implements ItemWriter<Outcome> {

    private final SeriesWindow window;
    private final TradingCalendar calendar;
    private final BarStore bars;
    private final QualityDailyStore quality;
    private final SeriesConvergence convergence;
    private final WithdrawnBars withdrawnBars;

    public FollowingBarsWriter(SeriesWindow window, TradingCalendar calendar, BarStore bars, QualityDailyStore quality,
            SeriesConvergence convergence, WithdrawnBars withdrawnBars) {
        this.window = window;
        this.calendar = calendar;
        this.bars = bars;
        this.quality = quality;
        this.convergence = convergence;
        this.withdrawnBars = withdrawnBars;
    }

    @Override
    public void write(Chunk<? extends Outcome> chunk) throws Exception {
        TouchedDays touchedDays = new TouchedDays(calendar, window.timeframe());
        List<Instant> withdrawn = chunk.getItems().stream()
                .filter(Withdrawn.class::isInstance).map(item -> ((Withdrawn) item).time()).toList();
        if (!withdrawn.isEmpty()) {
            // read in time order, and every stored bar between two withdrawn ones is withdrawn too
            withdrawnBars.keep(bars.remove(window.symbol(), window.timeframe(), withdrawn.get(0),
                    withdrawn.get(withdrawn.size() - 1)), touchedDays);
        }
        Map<String, List<Accepted>> bySource = chunk.getItems().stream()
                .filter(Recomputed.class::isInstance).map(Recomputed.class::cast)
                .collect(Collectors.groupingBy(Recomputed::source, LinkedHashMap::new,
                        Collectors.mapping(Recomputed::accepted, Collectors.toList())));
        boolean changedAny = !withdrawn.isEmpty();
        int recomputed = 0;
        for (Map.Entry<String, List<Accepted>> sourced : bySource.entrySet()) {
            BarStore.Upserted upserted = bars.upsert(window.symbol(), window.timeframe(), sourced.getKey(),
                    sourced.getValue());
            changedAny |= !upserted.changedNothing();
            upserted.bars().forEach(touchedDays::add);
            recomputed += sourced.getValue().size();
        }
        quality.refresh(window.symbol(), window.timeframe(), touchedDays.expectedByDay());
        // the windows of the bars after a withdrawn stretch reach back over it: count from the first one recomputed
        convergence.chunkWritten(recomputed, changedAny);
    }
}
