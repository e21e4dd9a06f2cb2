package io.mdw.batch.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

import io.mdw.batch.warehouse.BarStore.Removed;
import io.mdw.batch.warehouse.RejectStore;
import io.mdw.pipeline.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored bars a provider's answer withdrew where nothing is lost silently: each in rejected_bars with its
 * stored values as its payload (as an item the provider sent is kept there, under the source it came from) and the
 * reason, and its day's quality counted again. The same bar withdrawn again is kept once.
 */
final class WithdrawnBars {

    static final String REASON = "withdrawn_by_provider: stored, but not in the provider's answer when its window was"
            + " loaded again";

    private static final Logger log = LoggerFactory.getLogger(WithdrawnBars.class);

    private final SeriesWindow series;
    private final Long jobExecutionId;
    private final RejectStore rejects;

    WithdrawnBars(SeriesWindow series, Long jobExecutionId, RejectStore rejects) {
        this.series = series;
        this.jobExecutionId = jobExecutionId;
        this.rejects = rejects;
    }

    void keep(List<Removed> withdrawn, TouchedDays touchedDays) {
        if (withdrawn.isEmpty()) {
            return;
        }
        withdrawn.stream()
                .collect(Collectors.groupingBy(Removed::source, LinkedHashMap::new, Collectors.mapping(
                        bar -> new Rejected(bar.values(), bar.time(), REASON), Collectors.toList())))
                .forEach((source, bars) -> rejects.record(series.symbol(), series.timeframe(), source, jobExecutionId,
                        bars));
        withdrawn.forEach(bar -> touchedDays.add(bar.time()));
        log.info("{}: {} stored bars from {} to {} withdrawn by the provider, kept in rejected_bars", series.key(),
                withdrawn.size(), withdrawn.get(0).time(), withdrawn.get(withdrawn.size() - 1).time());
    }
}
