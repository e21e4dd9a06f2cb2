package io.mdw.api.series;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mdw.api.symbols.SymbolRepository;
import io.mdw.calendar.Staleness;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * How far each series' features are behind the calendar: every active tracked symbol × its timeframes, plus
 * every other series with features but those of inactive symbols (see ReportedSeries). fresh (0 bars behind), aging
 * (1), stale (≥ 2), missing (no features).
 */
@RestController
class StalenessController {

    private final SymbolRepository symbols;
    private final SeriesRepository series;
    private final Freshness freshness;

    StalenessController(SymbolRepository symbols, SeriesRepository series, Freshness freshness) {
        this.symbols = symbols;
        this.series = series;
        this.freshness = freshness;
    }

    @NullMarked
    record SeriesStaleness(String symbol, String timeframe, String assetClass, @Nullable Instant lastFeatureTime,
                           @Nullable Long barsBehind, String staleness) {
    }

    @NullMarked
    record StalenessReport(Instant timestamp, Map<String, Long> summary, List<SeriesStaleness> series) {
    }

    @GetMapping("/api/v1/admin/features/staleness")
    Mono<StalenessReport> staleness() {
        Instant now = Instant.now();
        return Mono.zip(symbols.findAll().collectList(), series.latestFeatures().collectList())
                .map(both -> {
                    List<SeriesStaleness> report = ReportedSeries.of(both.getT1(), both.getT2()).stream()
                            .map(reported -> staleness(reported, now))
                            .toList();
                    return new StalenessReport(now, countByClass(report), report);
                });
    }

    private SeriesStaleness staleness(ReportedSeries reported, Instant now) {
        Instant last = reported.lastFeatureTime();
        Long behind = last == null ? null : freshness.barsBehind(reported.assetClass(), reported.timeframe(), last, now);
        return new SeriesStaleness(reported.symbol(), reported.timeframe().code(), reported.assetClass().code(), last,
                behind, Freshness.staleness(behind));
    }

    /** Every staleness class, empty ones too, in the enum's order. */
    private static Map<String, Long> countByClass(List<SeriesStaleness> report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Staleness staleness : Staleness.values()) {
            counts.put(staleness.code(), report.stream().filter(s -> s.staleness().equals(staleness.code())).count());
        }
        return counts;
    }
}
