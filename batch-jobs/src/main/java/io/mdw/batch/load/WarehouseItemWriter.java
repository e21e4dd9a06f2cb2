package io.mdw.batch.load;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mdw.batch.metrics.LoadMetrics;
import io.mdw.batch.warehouse.BarStore;
import io.mdw.batch.warehouse.BarStore.Withdrawn;
import io.mdw.batch.warehouse.ProviderRequestLog;
import io.mdw.batch.warehouse.QualityDailyStore;
import io.mdw.batch.warehouse.RejectStore;
import io.mdw.calendar.TradingCalendar;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one chunk of a series in the chunk's transaction: bars and features upserted, rejects kept, the daily
 * quality of the touched days refreshed, the bars stored new or changed counted against the provider requests they
 * came from, and the partition's counters (kept in its execution context, so they survive a restart) advanced. Of a
 * provider's answer, the bars stored from an earlier one that it no longer holds where it has settled the series
 * ({@link SettledStretches}) are withdrawn: taken out with their features, as a full rebuild from the provider would
 * have them, and kept in rejected_bars with their stored values. Bars from another source (a file) stay. No other load
 * writes the series meanwhile ({@link SeriesLock}): a bar stored and not in the answer was in an earlier one.
 */
public class WarehouseItemWriter implements ItemWriter<ProcessedItem> {

    static final String WITHDRAWN = "withdrawn_by_provider: stored from an earlier answer, not in the provider's"
            + " answer when its window was loaded again";

    private static final Logger log = LoggerFactory.getLogger(WarehouseItemWriter.class);

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
    /** Null for a file, whose rows settle nothing of what is stored. */
    private final SettledStretches settled;

    public WarehouseItemWriter(SeriesWindow window, String source, StepExecution stepExecution,
            TradingCalendar calendar, BarStore bars, RejectStore rejects, QualityDailyStore quality,
            BarOrigins origins, ProviderRequestLog requests, LoadMetrics metrics, boolean fromProvider) {
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
        this.settled = fromProvider ? new SettledStretches() : null;
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
        List<Rejected> withdrawn = withdrawUnsent(chunk.getItems());
        withdrawn.forEach(bar -> touchedDays.add(bar.time()));
        List<Rejected> kept = new ArrayList<>(withdrawn);
        kept.addAll(rejected);
        Set<Instant> stored = bars.upsert(window.symbol(), window.timeframe(), source, accepted).bars();
        rejects.record(window.symbol(), window.timeframe(), source, stepExecution.getJobExecutionId(), kept);
        quality.refresh(window.symbol(), window.timeframe(), touchedDays.expectedByDay());
        requests.countStored(origins.storedByRequest(chunk.getItems(), stored));
        LoadCounters.add(stepExecution.getExecutionContext(), accepted, rejected, withdrawn.size());
        metrics.chunkWritten(window.symbol(), window.timeframe(), source, accepted, rejected, withdrawn.size());
    }

    /** The stored bars the answer no longer holds, taken out, as rejects to keep. */
    private List<Rejected> withdrawUnsent(List<? extends ProcessedItem> items) throws SQLException {
        List<Rejected> withdrawn = new ArrayList<>();
        if (settled == null) {
            return withdrawn;
        }
        for (SettledStretches.Stretch stretch : settled.settledBy(items)) {
            for (Withdrawn bar : bars.withdraw(window.symbol(), window.timeframe(), source, stretch.after(),
                    stretch.before(), stretch.sent())) {
                withdrawn.add(new Rejected(bar.values(), bar.time(), WITHDRAWN));
            }
        }
        if (!withdrawn.isEmpty()) {
            log.info("{}: {} stored bars from {} to {} are no longer in the provider's answer: withdrawn, kept in"
                    + " rejected_bars", window.key(), withdrawn.size(), withdrawn.get(0).time(),
                    withdrawn.get(withdrawn.size() - 1).time());
        }
        return withdrawn;
    }
}
