package io.mdw.api.symbols;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.mdw.api.series.Freshness;
import io.mdw.api.series.SeriesRepository;
import io.mdw.api.series.SeriesSummary;
import io.mdw.api.web.Rows;
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

    record SymbolList(int symbolsAvailable, Instant latestData, List<String> symbols) {
    }

    /**
     * @param status stale if ≥ 2 bars behind the calendar or validation rate < 85, warning if 1 bar behind or < 95,
     *               else healthy (the old service's 72 h / 24 h thresholds, made calendar-aware)
     */
    record SymbolDetail(String symbol, String assetClass, long records, BigDecimal validationRate, Instant latestData,
                        BigDecimal dataAgeHours, long barsBehind, List<String> timeframes, String status) {
    }

    record SymbolDetails(int count, Instant timestamp, List<SymbolDetail> symbols) {
    }

    /** Symbols with bars or actively tracked. */
    @GetMapping("/api/v1/symbols")
    Mono<SymbolList> symbols() {
        return Mono.zip(symbols.active().collectList(), series.all().collectList())
                .map(both -> {
                    SortedSet<String> available = new TreeSet<>(both.getT1());
                    both.getT2().forEach(s -> available.add(s.symbol()));
                    return new SymbolList(available.size(),
                            both.getT2().stream().map(SeriesSummary::latestBar).max(Comparator.naturalOrder()).orElse(null),
                            List.copyOf(available));
                });
    }

    @GetMapping("/api/v1/symbols/detailed")
    Mono<SymbolDetails> detailed() {
        Instant now = Instant.now();
        return series.all().collectList().map(all -> {
            Map<String, List<SeriesSummary>> bySymbol = all.stream()
                    .collect(Collectors.groupingBy(SeriesSummary::symbol, TreeMap::new, Collectors.toList()));
            List<SymbolDetail> details = bySymbol.values().stream().map(list -> detail(list, now)).toList();
            return new SymbolDetails(details.size(), now, details);
        });
    }

    private SymbolDetail detail(List<SeriesSummary> list, Instant now) {
        long records = list.stream().mapToLong(SeriesSummary::records).sum();
        long validated = list.stream().mapToLong(SeriesSummary::validatedRecords).sum();
        Instant latest = list.stream().map(SeriesSummary::latestBar).max(Comparator.naturalOrder()).orElseThrow();
        long behind = list.stream()
                .mapToLong(s -> freshness.barsBehind(s.assetClass(), s.timeframe(), s.latestBar(), now))
                .min().orElse(0);
        BigDecimal rate = Rows.percent(validated, records);
        String status = behind >= 2 || rate.doubleValue() < 85 ? "stale"
                : behind == 1 || rate.doubleValue() < 95 ? "warning" : "healthy";
        SeriesSummary first = list.get(0);
        return new SymbolDetail(first.symbol(), first.assetClass().code(), records, rate, latest,
                BigDecimal.valueOf(Duration.between(latest, now).toMinutes() / 60.0).setScale(1, RoundingMode.HALF_UP),
                behind, list.stream().map(s -> s.timeframe().code()).toList(), status);
    }
}
