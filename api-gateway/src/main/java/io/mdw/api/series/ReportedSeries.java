package io.mdw.api.series;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mdw.api.symbols.TrackedSymbol;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A series the feature staleness report covers, with its latest features (null without any).
 *
 * @param assetClass the tracked one, whether the symbol is active or not; for an untracked symbol what its ticker implies
 */
@NullMarked
record ReportedSeries(String symbol, Timeframe timeframe, AssetClass assetClass, @Nullable Instant lastFeatureTime) {

    /** By symbol, then by timeframe code. */
    private record Key(String symbol, Timeframe timeframe) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySymbol = symbol.compareTo(other.symbol);
            return bySymbol != 0 ? bySymbol : timeframe.code().compareTo(other.timeframe.code());
        }
    }

    /**
     * Every timeframe of every active tracked symbol, and every other series that has features, in {@link Key} order;
     * not those of an inactive symbol (deactivated, or only loaded from a file): nothing keeps them current. The
     * staleness gauges of the batch nodes cover the same series.
     */
    static List<ReportedSeries> of(List<TrackedSymbol> symbols, List<LatestFeatures> withFeatures) {
        Map<String, String> trackedClasses = new HashMap<>();
        Set<String> inactive = new HashSet<>();
        Map<Key, Instant> lastFeatures = new TreeMap<>();
        for (TrackedSymbol symbol : symbols) {
            trackedClasses.put(symbol.symbol(), symbol.assetClass());
            symbol.activeTimeframes().forEach(tf -> lastFeatures.put(new Key(symbol.symbol(), tf), null));
            if (!symbol.active()) {
                inactive.add(symbol.symbol());
            }
        }
        withFeatures.stream().filter(series -> !inactive.contains(series.symbol()))
                .forEach(series -> lastFeatures.put(new Key(series.symbol(), series.timeframe()), series.time()));
        return lastFeatures.entrySet().stream()
                .map(series -> {
                    String symbol = series.getKey().symbol();
                    return new ReportedSeries(symbol, series.getKey().timeframe(),
                            AssetClass.ofSymbol(symbol, trackedClasses.get(symbol)), series.getValue());
                })
                .toList();
    }
}
