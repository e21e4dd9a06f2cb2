package io.mdw.batch.load;

import static io.mdw.scheduling.LoadJobRunner.LAST_ACCEPTED;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mdw.batch.warehouse.SeriesHistoryRepository;
import io.mdw.calendar.TradingCalendar;
import io.mdw.features.BarFeatures;
import io.mdw.market.Bar;
import io.mdw.market.RawBar;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.OutsideWindow;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.SeriesPipeline;
import io.mdw.pipeline.Skipped;
import io.mdw.quality.ValidationThresholds;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Rejects, validates, scores and computes features for one series, in order. Its state is seeded from the
 * warehouse: on a first run, the bars stored before the first bar it is given (or before the window, when that starts
 * later: a provider's first bar may come hours after the window's start, a file loaded without a window starts
 * wherever its first bar does); on a restart, the bars before the last one the step committed. So every bar gets the
 * same flags and features as in one uninterrupted full run. A bar skipped as outside the window is filtered out
 * (never written) and counted in the partition's execution context.
 */
public class SeriesItemProcessor implements ItemProcessor<RawBar, ProcessedItem>, ItemStream {

    private final SeriesWindow window;
    private final OutsideWindow outsideWindow;
    private final TradingCalendar calendar;
    private final ValidationThresholds thresholds;
    private final SeriesHistoryRepository history;

    /** Null until the first item of a first run: seeded from where its bars start. */
    private SeriesPipeline pipeline;
    /** Whether the pipeline is seeded from where this run's bars start: known at the first item with a time. */
    private boolean seededAtFirstBar;
    private Instant lastAccepted;
    private long skipped;

    public SeriesItemProcessor(SeriesWindow window, OutsideWindow outsideWindow, TradingCalendar calendar,
            ValidationThresholds thresholds, SeriesHistoryRepository history) {
        this.window = window;
        this.outsideWindow = outsideWindow;
        this.calendar = calendar;
        this.thresholds = thresholds;
        this.history = history;
    }

    @Override
    public void open(ExecutionContext context) {
        lastAccepted = context.containsKey(LAST_ACCEPTED) ? Instant.ofEpochMilli(context.getLong(LAST_ACCEPTED)) : null;
        skipped = LoadCounters.of(context).skipped();
        seededAtFirstBar = lastAccepted != null;
        pipeline = lastAccepted == null ? null : seededBefore(lastAccepted.plusMillis(1));
    }

    private SeriesPipeline seededBefore(Instant time) {
        List<Bar> earlier = history.lastBarsBefore(window.symbol(), window.timeframe(), time,
                SeriesPipeline.historyNeeded(thresholds));
        BarFeatures lastFeatures = earlier.isEmpty() ? null
                : history.featuresAt(window.symbol(), window.timeframe(), earlier.get(earlier.size() - 1).time());
        return new SeriesPipeline(window.timeframe(), calendar, thresholds, window.from(), window.to(),
                outsideWindow, earlier, lastFeatures);
    }

    /** The item, or null for a bar skipped as outside the window: Spring Batch filters it out. */
    @Override
    public ProcessedItem process(RawBar raw) {
        if (!seededAtFirstBar) {
            // an item without a time (which the pipeline rejects) leaves the seed to the next one with a time
            Optional<Instant> first = SeriesPipeline.timeOf(raw);
            if (first.isPresent() || pipeline == null) {
                pipeline = seededBefore(first.filter(time -> time.isAfter(window.from())).orElse(window.from()));
                seededAtFirstBar = first.isPresent();
            }
        }
        ProcessedItem item = pipeline.process(raw);
        if (item instanceof Accepted accepted) {
            lastAccepted = accepted.bar().time();
        }
        if (item instanceof Skipped) {
            skipped++;
            return null;
        }
        return item;
    }

    @Override
    public void update(ExecutionContext context) {
        if (lastAccepted != null) {
            context.putLong(LAST_ACCEPTED, lastAccepted.toEpochMilli());
        }
        LoadCounters.putSkipped(context, skipped);
    }
}
