package io.mdw.batch.load;

import java.sql.SQLException;
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
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one chunk of a series in the chunk's transaction: bars and features upserted, rejects kept, the stored bars
 * of the stretch a provider's answer settled that it no longer holds withdrawn (see {@link AnsweredStretch}), the
 * daily quality of the touched days refreshed, the bars stored new or changed counted against the provider requests
 * they came from, and the partition's counters (kept in its execution context, so they survive a restart) advanced.
 */
public class WarehouseItemWriter implements ItemWriter<ProcessedItem> {

    private final SeriesWindow window;
    private final String source;
    private final UnsentBars unsentBars;
    private final StepExecution stepExecution;
    private final TradingCalendar calendar;
    private final BarStore bars;
    private final RejectStore rejects;
    private final QualityDailyStore quality;
    private final BarOrigins origins;
    private final ProviderRequestLog requests;
    private final LoadMetrics metrics;
    private final WithdrawnBars withdrawnBars;

    public WarehouseItemWriter(SeriesWindow window, String source, UnsentBars unsentBars, StepExecution stepExecution,
            TradingCalendar calendar, BarStore bars, RejectStore rejects, QualityDailyStore quality,
            BarOrigins origins, ProviderRequestLog requests, LoadMetrics metrics) {
        this.window = window;
        this.source = source;
        this.unsentBars = unsentBars;
        this.stepExecution = stepExecution;
        this.calendar = calendar;
        this.bars = bars;
        this.rejects = rejects;
        this.quality = quality;
        this.origins = origins;
        this.requests = requests;
        this.metrics = metrics;
        this.withdrawnBars = new WithdrawnBars(window, stepExecution.getJobExecutionId(), rejects);
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
        Set<Instant> stored = store(accepted, touchedDays);
        rejects.record(window.symbol(), window.timeframe(), source, stepExecution.getJobExecutionId(), rejected);
        quality.refresh(window.symbol(), window.timeframe(), touchedDays.expectedByDay());
        requests.countStored(origins.storedByRequest(chunk.getItems(), stored));
        LoadCounters.add(stepExecution.getExecutionContext(), accepted, rejected);
        metrics.chunkWritten(window.symbol(), window.timeframe(), source, accepted, rejected);
    }

    /** The times of the bars stored new or changed. */
    private Set<Instant> store(List<Accepted> accepted, TouchedDays touchedDays) throws SQLException {
        if (unsentBars == UnsentBars.KEPT || accepted.isEmpty()) {
            return bars.upsert(window.symbol(), window.timeframe(), source, accepted).bars();
        }
        ExecutionContext context = stepExecution.getExecutionContext();
        BarStore.Replaced replaced = bars.replaceAnswered(window.symbol(), window.timeframe(), source, accepted,
                AnsweredStretch.unsettledFrom(context, window));
        withdrawnBars.keep(replaced.withdrawn(), touchedDays);
        // the pipeline accepts bars in time order only: the chunk's last accepted bar is its latest
        AnsweredStretch.settledThrough(context, accepted.get(accepted.size() - 1).bar().time());
        return replaced.upserted().bars();
    }
}
