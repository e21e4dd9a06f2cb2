package io.mdw.scheduling;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a symbol becomes tracked, for every path that does it (a load from the provider run on a node, a load submitted
 * to the cluster, {@code ./mdw symbols add}), so that each leaves the same row behind; how a symbol loaded from a
 * file is recorded without being tracked; and that a load keeps a stored symbol's asset class.
 */
public final class SymbolTracking {

    private static final String UPSERT = """
            INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, history_start)
            VALUES (:symbol, :assetClass, :symbol, :timeframes, :historyStart)
            ON CONFLICT (symbol) DO UPDATE SET
                asset_class = CASE WHEN :explicitClass THEN EXCLUDED.asset_class ELSE symbols.asset_class END,
                timeframes = ARRAY(SELECT DISTINCT unnest(symbols.timeframes || EXCLUDED.timeframes) ORDER BY 1),
                history_start = COALESCE(EXCLUDED.history_start, symbols.history_start),
                active = true,
                updated_at = now()
            """;

    private static final String RECORD_UNTRACKED = """
            INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, active)
            VALUES (:symbol, :assetClass, :symbol, '{}', false)
            ON CONFLICT (symbol) DO UPDATE SET asset_class = EXCLUDED.asset_class, updated_at = now()
            WHERE :explicitClass
            """;

    private static final String STORED_OTHERWISE = """
            SELECT symbol, asset_class FROM symbols WHERE symbol IN (:symbols) AND asset_class <> :assetClass ORDER BY symbol
            """;

    private SymbolTracking() {
    }

    /**
     * A load's asset class that contradicts the one a symbol is stored with. A load does not reclassify a symbol: every
     * resampled bar of its history, its expected bars and its staleness would move to another calendar, for good, even
     * were the load to fail. Changing it is an admin's act, done on its own.
     */
    public static final class AssetClassConflict extends IllegalArgumentException {

        AssetClassConflict(String symbol, String stored, AssetClass asked) {
            super(symbol + " is stored as " + stored + ", not " + asked.code() + "; a load does not change a symbol's"
                    + " asset class (its resampled bars, gaps and staleness would follow another calendar): leave the"
                    + " asset class out, or change it first with PUT /api/v1/admin/symbols/" + symbol
                    + " {\"asset_class\":\"" + asked.code() + "\"} or ./mdw symbols add " + symbol + " --asset-class "
                    + asked.code());
        }
    }

    /** Refuses a load whose asset class (null: none given) contradicts a stored symbol's ({@link AssetClassConflict}). */
    public static void requireStoredClass(JdbcClient jdbc, List<String> symbols, AssetClass assetClass) {
        if (assetClass == null) {
            return;
        }
        jdbc.sql(STORED_OTHERWISE)
                .param("symbols", symbols)
                .param("assetClass", assetClass.code())
                .query((rs, row) -> new AssetClassConflict(rs.getString("symbol"), rs.getString("asset_class"), assetClass))
                .list().stream().findFirst().ifPresent(conflict -> {
                    throw conflict;
                });
    }

    /**
     * Tracks the symbol, or adds the timeframes to one already tracked and reactivates it. A given asset class or
     * history start replaces the stored one; null keeps it (a new symbol then gets the class its ticker implies).
     */
    public static void register(JdbcClient jdbc, String symbol, AssetClass assetClass, List<Timeframe> timeframes,
                                LocalDate historyStart) {
        AssetClass effective = assetClass != null ? assetClass : AssetClass.ofTicker(symbol);
        jdbc.sql(UPSERT)
                .param("symbol", symbol)
                .param("assetClass", effective.code())
                .param("explicitClass", assetClass != null)
                .param("timeframes", timeframes.stream().distinct().map(Timeframe::code).toArray(String[]::new))
                .param("historyStart", historyStart == null ? null : Date.valueOf(historyStart))
                .update();
    }

    /**
     * Records what a symbol loaded from a file is, its asset class, for the load and the API to read; a file says nothing
     * about loading the symbol from the provider, so a new symbol is not tracked (inactive, no timeframe) and a tracked
     * one stays as it is. A given asset class replaces the stored one; null keeps it.
     */
    public static void recordWithoutTracking(JdbcClient jdbc, String symbol, AssetClass assetClass) {
        AssetClass effective = assetClass != null ? assetClass : AssetClass.ofTicker(symbol);
        jdbc.sql(RECORD_UNTRACKED)
                .param("symbol", symbol)
                .param("assetClass", effective.code())
                .param("explicitClass", assetClass != null)
                .update();
    }
}
