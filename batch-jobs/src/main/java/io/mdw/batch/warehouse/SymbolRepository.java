package io.mdw.batch.warehouse;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.SymbolTracking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tracked symbols table. */
@Repository
public class SymbolRepository {

    private final JdbcClient jdbc;

    public SymbolRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TrackedSymbol> find(String symbol) {
        return jdbc.sql("SELECT * FROM symbols WHERE symbol = ?").param(symbol).query(this::map).optional();
    }

    public List<TrackedSymbol> list() {
        return jdbc.sql("SELECT * FROM symbols ORDER BY symbol").query(this::map).list();
    }

    /** Tracks a symbol as every load does ({@link SymbolTracking}). */
    public void register(String symbol, AssetClass assetClass, List<Timeframe> timeframes, LocalDate historyStart) {
        SymbolTracking.register(jdbc, symbol, assetClass, timeframes, historyStart);
    }

    /** Refuses a load's asset class that contradicts a stored symbol's ({@link SymbolTracking#requireStoredClass}). */
    public void requireStoredClass(List<String> symbols, AssetClass assetClass) {
        SymbolTracking.requireStoredClass(jdbc, symbols, assetClass);
    }

    /** Records a symbol loaded from a file without tracking it ({@link SymbolTracking#recordWithoutTracking}). */
    public void recordWithoutTracking(String symbol, AssetClass assetClass) {
        SymbolTracking.recordWithoutTracking(jdbc, symbol, assetClass);
    }

    public void deactivate(String symbol) {
        jdbc.sql("UPDATE symbols SET active = false, updated_at = now() WHERE symbol = ?").param(symbol).update();
    }

    private TrackedSymbol map(ResultSet rs, int row) throws SQLException {
        Array timeframes = rs.getArray("timeframes");
        Date historyStart = rs.getDate("history_start");
        return new TrackedSymbol(rs.getString("symbol"), AssetClass.fromCode(rs.getString("asset_class")),
                rs.getString("provider_ticker"),
                Arrays.stream((String[]) timeframes.getArray()).map(Timeframe::fromCode).toList(),
                historyStart == null ? null : historyStart.toLocalDate(), rs.getBoolean("active"));
    }
}
