package io.mdw.api.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mdw.api.series.Freshness;
import io.mdw.api.symbols.SymbolRepository;
import io.mdw.api.symbols.TrackedSymbol;
import io.mdw.api.web.Rows;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * How far each series' features are behind the calendar: every active tracked symbol × its timeframes, plus
 * every series that has features. fresh (0 bars behind), aging (1), stale (≥ 2), missing (no features).
 */
@RestController
class StalenessController {

    private final SymbolRepository symbols;
    private final Freshness freshness;
    private final DatabaseClient db;

    StalenessController(SymbolRepository symbols, Freshness freshness, DatabaseClient db) {
        this.symbols = symbols;
        this.freshness = freshness;
        this.db = db;
    }

    record SeriesStaleness(String symbol, String timeframe, String assetClass, Instant lastFeatureTime,
                           Long barsBehind, String staleness) {
    }

    record Staleness(Instant timestamp, Map<String, Long> summary, List<SeriesStaleness> series) {
    }

    private record Key(String symbol, String timeframe) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySymbol = symbol.compareTo(other.symbol);
            return bySymbol != 0 ? bySymbol : timeframe.compareTo(other.timeframe);
        }
    }

    /**
     * The latest features of every series with bars: the series from quality_daily (the load job keeps a row per day
     * it writes), each one's latest time by one descent of the bar_features primary key, so that the report does not
     * scan bar_features, whose size this would otherwise grow with.
     */
    private static final String LAST_FEATURES = """
            SELECT symbol, timeframe, last
            FROM (SELECT s.symbol, s.timeframe,
                         (SELECT max(f.time) FROM bar_features f
                          WHERE f.symbol = s.symbol AND f.timeframe = s.timeframe) AS last
                  FROM (SELECT DISTINCT symbol, timeframe FROM quality_daily) s) series
            WHERE last IS NOT NULL
            """;

    @GetMapping("/api/v1/admin/features/staleness")
    Mono<Staleness> staleness() {
        Instant now = Instant.now();
        Mono<Map<Key, Instant>> lastFeatures = db.sql(LAST_FEATURES)
                .map(row -> Map.entry(new Key(row.get("symbol", String.class), row.get("timeframe", String.class)),
                        Rows.instant(row, "last")))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(symbols.findAll().collectList(), lastFeatures).map(both -> {
            Map<Key, String> assetClasses = new TreeMap<>();
            for (TrackedSymbol symbol : both.getT1()) {
                if (symbol.active()) {
                    symbol.timeframes().forEach(tf -> assetClasses.put(new Key(symbol.symbol(), tf), symbol.assetClass()));
                }
            }
            Map<String, String> trackedClass = new LinkedHashMap<>();
            both.getT1().forEach(s -> trackedClass.put(s.symbol(), s.assetClass()));
            both.getT2().keySet().forEach(key -> assetClasses.putIfAbsent(key, trackedClass.get(key.symbol())));

            List<SeriesStaleness> series = new ArrayList<>();
            Map<String, Long> summary = new LinkedHashMap<>();
            List.of("fresh", "aging", "stale", "missing").forEach(s -> summary.put(s, 0L));
            assetClasses.forEach((key, tracked) -> {
                AssetClass assetClass = Freshness.assetClassOf(key.symbol(), tracked);
                Instant last = both.getT2().get(key);
                Long behind = last == null ? null
                        : freshness.barsBehind(assetClass, Timeframe.fromCode(key.timeframe()), last, now);
                String state = Freshness.staleness(behind);
                summary.merge(state, 1L, Long::sum);
                series.add(new SeriesStaleness(key.symbol(), key.timeframe(), assetClass.code(), last, behind, state));
            });
            return new Staleness(now, summary, series);
        });
    }
}
