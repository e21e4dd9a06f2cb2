package io.mdw.db;

/**
 * How a symbol becomes tracked, one statement for every module that does it (the batch node through JDBC, the API
 * through R2DBC), so that a load from either side leaves the same row behind.
 */
public final class SymbolRegistration {

    /**
     * Tracks a symbol, or adds timeframes to one already tracked and reactivates it. Named parameters:
     * {@code symbol}; {@code assetClass}, the class a new symbol gets (the given one, else what its ticker implies);
     * {@code explicitClass}, whether the class was given, so that it also replaces a tracked symbol's;
     * {@code timeframes} (text[]); {@code historyStart} (date), null keeping the stored one.
     */
    public static final String UPSERT = """
            INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, history_start)
            VALUES (:symbol, :assetClass, :symbol, :timeframes, :historyStart)
            ON CONFLICT (symbol) DO UPDATE SET
                asset_class = CASE WHEN :explicitClass THEN EXCLUDED.asset_class ELSE symbols.asset_class END,
                timeframes = ARRAY(SELECT DISTINCT unnest(symbols.timeframes || EXCLUDED.timeframes) ORDER BY 1),
                history_start = COALESCE(EXCLUDED.history_start, symbols.history_start),
                active = true,
                updated_at = now()
            """;

    private SymbolRegistration() {
    }
}
