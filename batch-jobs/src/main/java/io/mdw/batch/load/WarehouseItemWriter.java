package io.mdw.batch.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mdw.batch.metrics.LoadMetrics;
import io.mdw.batch.warehouse.BarStore;
import io.mdw.batch.warehouse.ProviderRequestLog;
import io.mdw.batch.warehouse.QualityDailyStore;
import io.mdw.batch.warehouse.RejectStore;
import io.mdw.calendar.TradingCalendar;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.Rejected;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one chunk of a series in the chunk's transaction: bars and features upserted, rejects kept, the daily
 * quality of the touched days refreshed, the bars stored new or changed counted against the provider requests they
 * came from, and the partition's counters (kept in its execution context, so they survive a restart) advanced.
 */
public class WarehouseItemWriter implements ItemWriter<ProcessedItem> {

    private final SeriesWindow window;
    private final String source;
    private final StepExecution stepExecution;
    private final TradingCalendar calendar;
    private final BarStore bars;
    private final RejectStore rejects;
    private final QualityDailyStore quality;
    private final BarOrigins origins;
    private final ProviderRequestLog requests;
    private final LoadMetrics metrics;

    public WarehouseItemWriter(SeriesWindow window, String source, StepExecution stepExecution,
            TradingCalendar calendar, BarStore bars, RejectStore rejects, QualityDailyStore quality,
            BarOrigins origins, ProviderRequestLog requests, LoadMetrics metrics) {
        this.window = window;
        this.source = source;
        this.stepExecution = stepExecution;
        this.calendar = calendar;
        this.bars = bars;
        this.rejects = rejects;
        this.quality = quality;
        this.origins = origins;
        this.requests = requests;
        this.metrics = metrics;
    }

    @Override
    public void write(Chunk<? extends ProcessedItem> chunk) throws Exception {
        List<Accepted> accepted = new ArrayList<>(chunk.size());
        List<Rejected> rejected = new ArrayList<>();
        TouchedDays touchedDays = new TouchedDays(calendar, window.timeframe());
        for (ProcessedItem item : chunk) {
            if (item instanceof Accepted a) {
                accepted.add(a);
                touchedDays.add(a.bar().time());
            } else if (item instanceof Rejected r) {
                rejected.add(r);
                if (r.time() != null) {
                    touchedDays.add(r.time());
                }
            }
        }
        Set<Instant> stored = bars.upsert(window.symbol(), window.timeframe(), source, accepted).bars();
        rejects.record(window.symbol(), window.timeframe(), source, stepExecution.getJobExecutionId(), rejected);
        quality.refresh(window.symbol(), window.timeframe(), touchedDays.expectedByDay());
        requests.countStored(origins.storedByRequest(chunk.getItems(), stored));
        LoadCounters.add(stepExecution.getExecutionContext(), accepted, rejected);
        metrics.chunkWritten(window.symbol(), window.timeframe(), source, accepted, rejected);
    }
}
