package io.mdw.batch.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.mdw.market.Timeframe;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.Rejected;
import io.mdw.quality.QualityFlag;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the load job did to the warehouse, per series and source: bars read, written, rejected and withdrawn, the quality scores
 * of the written bars and the validation flags they carry. Counted when a chunk commits, so a chunk rolled back (and
 * read again on restart) is counted once.
 */
@Component
public class LoadMetrics {

    /**
     * Bucket bounds of the score histogram, in percent: the validated threshold (85) and the penalties' steps.
     * Percent because Micrometer's fixed-boundary histograms round a recorded value up to a whole number.
     */
    private static final double[] SCORE_BUCKETS_PERCENT = {50, 60, 70, 80, 85, 90, 95, 100};

    private final MeterRegistry registry;

    public LoadMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One chunk of a series written in the current transaction (recorded once it commits). */
    public void chunkWritten(String symbol, Timeframe timeframe, String source, List<Accepted> accepted,
            List<Rejected> rejected, int withdrawn) {
        Runnable record = () -> record(symbol, timeframe.code(), source, accepted, rejected, withdrawn);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    record.run();
                }
            });
        } else {
            record.run();
        }
    }

    private void record(String symbol, String timeframe, String source, List<Accepted> accepted,
            List<Rejected> rejected, int withdrawn) {
        counter("mdw.bars.read", "Items read from the source (bars and rejected items)", symbol, timeframe, source)
                .increment(accepted.size() + rejected.size());
        counter("mdw.bars.written", "Bars upserted into the warehouse", symbol, timeframe, source)
                .increment(accepted.size());
        counter("mdw.bars.rejected", "Items refused by the reject rules (kept in rejected_bars)", symbol, timeframe,
                source).increment(rejected.size());
        counter("mdw.bars.withdrawn", "Stored bars taken out because the provider's answer no longer holds them"
                + " (kept in rejected_bars)", symbol, timeframe, source).increment(withdrawn);
        DistributionSummary scores = DistributionSummary.builder("mdw.bar.quality.score")
                .description("Quality score of each written bar in percent (100 × (1 − penalties of its flags))")
                .baseUnit("percent")
                .tags("symbol", symbol, "timeframe", timeframe)
                .serviceLevelObjectives(SCORE_BUCKETS_PERCENT)
                .register(registry);
        Map<QualityFlag, Integer> flags = new EnumMap<>(QualityFlag.class);
        for (Accepted bar : accepted) {
            scores.record(bar.assessment().qualityScore().movePointRight(2).intValueExact());
            bar.assessment().flags().forEach(flag -> flags.merge(flag, 1, Integer::sum));
        }
        flags.forEach((flag, count) -> Counter.builder("mdw.bar.flags")
                .description("Written bars carrying a validation flag, by flag")
                .tags("flag", flag.code(), "symbol", symbol, "timeframe", timeframe)
                .register(registry)
                .increment(count));
    }

    private Counter counter(String name, String description, String symbol, String timeframe, String source) {
        return Counter.builder(name).description(description)
                .tags("symbol", symbol, "timeframe", timeframe, "source", source)
                .register(registry);
    }
}
