package io.mdw.api.symbols;

import java.time.LocalDate;
import java.util.List;

import io.mdw.api.web.Rows;
import io.mdw.market.AssetClass;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The symbols table: what the warehouse tracks. */
@Repository
public class SymbolRepository {

    private static final String COLUMNS = "symbol, asset_class, provider_ticker, timeframes, history_start, active, created_at, updated_at";

    private final DatabaseClient db;

    SymbolRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<TrackedSymbol> findAll() {
        return db.sql("SELECT " + COLUMNS + " FROM symbols ORDER BY symbol").map(SymbolRepository::toSymbol).all();
    }

    public Mono<TrackedSymbol> find(String symbol) {
        return db.sql("SELECT " + COLUMNS + " FROM symbols WHERE symbol = :symbol").bind("symbol", symbol)
                .map(SymbolRepository::toSymbol).one();
    }

    /**
     * Tracks the symbol, unless it is already known as tracked or deactivated; empty then. A symbol only recorded by a
     * load from a file (inactive, without timeframes) is not tracked yet: it takes the given values. A null asset class
     * keeps the one recorded, and gives a new symbol the one its provider ticker implies, as the other ways of tracking
     * a symbol do.
     */
    public Mono<TrackedSymbol> insert(String symbol, AssetClass assetClass, String providerTicker, List<String> timeframes,
                                      LocalDate historyStart) {
        AssetClass effective = assetClass != null ? assetClass : AssetClass.ofTicker(providerTicker);
        var spec = db.sql("""
                        INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, history_start)
                        VALUES (:symbol, :assetClass, :ticker, :timeframes, :historyStart)
                        ON CONFLICT (symbol) DO UPDATE
                            SET asset_class = CASE WHEN :explicitClass THEN excluded.asset_class ELSE symbols.asset_class END,
                                provider_ticker = excluded.provider_ticker,
                                timeframes = excluded.timeframes, history_start = excluded.history_start,
                                active = true, updated_at = now()
                            WHERE NOT symbols.active AND cardinality(symbols.timeframes) = 0
                        RETURNING %s
                        """.formatted(COLUMNS))
                .bind("symbol", symbol).bind("assetClass", effective.code()).bind("explicitClass", assetClass != null)
                .bind("ticker", providerTicker).bind("timeframes", timeframes.toArray(String[]::new));
        spec = historyStart == null ? spec.bindNull("historyStart", LocalDate.class) : spec.bind("historyStart", historyStart);
        return spec.map(SymbolRepository::toSymbol).one();
    }

    /** Changes what is given (null keeps the current value). */
    public Mono<TrackedSymbol> update(String symbol, String assetClass, String providerTicker, List<String> timeframes,
                                      LocalDate historyStart, Boolean active) {
        var spec = db.sql("""
                        UPDATE symbols SET
                            asset_class = coalesce(:assetClass, asset_class),
                            provider_ticker = coalesce(:ticker, provider_ticker),
                            timeframes = coalesce(:timeframes, timeframes),
                            history_start = coalesce(:historyStart, history_start),
                            active = coalesce(:active, active),
                            updated_at = now()
                        WHERE symbol = :symbol
                        RETURNING %s
                        """.formatted(COLUMNS))
                .bind("symbol", symbol);
        spec = assetClass == null ? spec.bindNull("assetClass", String.class) : spec.bind("assetClass", assetClass);
        spec = providerTicker == null ? spec.bindNull("ticker", String.class) : spec.bind("ticker", providerTicker);
        spec = timeframes == null ? spec.bindNull("timeframes", String[].class)
                : spec.bind("timeframes", timeframes.toArray(String[]::new));
        spec = historyStart == null ? spec.bindNull("historyStart", LocalDate.class) : spec.bind("historyStart", historyStart);
        spec = active == null ? spec.bindNull("active", Boolean.class) : spec.bind("active", active);
        return spec.map(SymbolRepository::toSymbol).one();
    }

    private static TrackedSymbol toSymbol(Readable row) {
        return new TrackedSymbol(row.get("symbol", String.class), row.get("asset_class", String.class),
                row.get("provider_ticker", String.class), List.of(row.get("timeframes", String[].class)),
                row.get("history_start", LocalDate.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
