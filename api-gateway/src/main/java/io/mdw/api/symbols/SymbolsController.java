package io.mdw.api.symbols;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.mdw.api.series.Freshness;
import io.mdw.api.series.SeriesRepository;
import io.mdw.api.series.SeriesSummary;
import io.mdw.api.web.Rows;
import io.mdw.health.HealthStatus;
import io.mdw.health.SymbolLag;
import io.mdw.market.Timeframe;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Which symbols the warehouse serves, and how healthy each one's data is. */
@RestController
class SymbolsController {

    private final SymbolRepository symbols;
    private final SeriesRepository series;
    private final Freshness freshness;

    SymbolsController(SymbolRepository symbols, SeriesRepository series, Freshness freshness) {
        this.symbols = symbols;
        this.series = series;
        this.freshness = freshness;
    }

    @NullMarked
    record SymbolList(int symbolsAvailable, @Nullable Instant latestData, List<String> symbols) {
    }

    /**
     * @param validationRate never null, as latestData: a symbol listed has bars ({@link SeriesRepository#all})
     * @param barsBehind how far the symbol's worst series lags the calendar; null when a tracked timeframe has no bar
     * @param status     stale if ≥ 2 bars behind (or missing a tracked timeframe) or validation rate < 85, warning if
     *                   1 bar behind or < 95, else healthy: {@link HealthStatus#ofStoredData}
     */
    @NullMarked
    record SymbolDetail(String symbol, String assetClass, long records, BigDecimal validationRate, Instant latestData,
                        BigDecimal dataAgeHours, @Nullable Long barsBehind, List<String> timeframes, String status) {
    }

    @NullMarked
    record SymbolDetails(int count, Instant timestamp, List<SymbolDetail> symbols) {
    }

    /**
     * The symbols with bars to read, as /api/v1/status and /api/v1/symbols/detailed count them; a tracked symbol not
     * loaded yet is listed by GET /api/v1/admin/symbols.
     */
    @GetMapping("/api/v1/symbols")
    Mono<SymbolList> symbols() {
        return series.all().collectList().map(all -> {
            SortedSet<String> available = all.stream().map(SeriesSummary::symbol)
                    .collect(Collectors.toCollection(TreeSet::new));
            return new SymbolList(available.size(),
                    all.stream().map(SeriesSummary::latestBar).max(Comparator.naturalOrder()).orElse(null),
                    List.copyOf(available));
        });
    }

    @GetMapping("/api/v1/symbols/detailed")
    Mono<SymbolDetails> detailed() {
        Instant now = Instant.now();
        return Mono.zip(series.all().collectList(),
                        symbols.findAll().collectMap(TrackedSymbol::symbol, TrackedSymbol::activeTimeframes))
                .map(both -> {
                    Map<String, List<SeriesSummary>> bySymbol = both.getT1().stream()
                            .collect(Collectors.groupingBy(SeriesSummary::symbol, TreeMap::new, Collectors.toList()));
                    Map<String, Set<Timeframe>> tracked = both.getT2();
                    List<SymbolDetail> details = bySymbol.entrySet().stream()
                            .map(entry -> detail(entry.getValue(), tracked.getOrDefault(entry.getKey(), Set.of()), now))
                            .toList();
                    return new SymbolDetails(details.size(), now, details);
                });
    }

    private SymbolDetail detail(List<SeriesSummary> list, Set<Timeframe> tracked, Instant now) {
        long records = list.stream().mapToLong(SeriesSummary::records).sum();
        long validated = list.stream().mapToLong(SeriesSummary::validatedRecords).sum();
        Instant latest = list.stream().map(SeriesSummary::latestBar).max(Comparator.naturalOrder()).orElseThrow();
        SymbolLag lag = freshness.symbolLag(list, tracked, now);
        BigDecimal rate = Rows.percent(validated, records);
        SeriesSummary first = list.get(0);
        return new SymbolDetail(first.symbol(), first.assetClass().code(), records, rate, latest,
                BigDecimal.valueOf(Duration.between(latest, now).toMinutes() / 60.0).setScale(1, RoundingMode.HALF_UP),
                lag.barsBehind(), list.stream().map(s -> s.timeframe().code()).toList(),
                HealthStatus.ofStoredData(lag, rate).code());
    }
}
