package io.mdw.api.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.mdw.api.bars.BarRepository;
import io.mdw.api.web.Params;
import io.mdw.db.WarehouseDatabase;
import io.mdw.market.Timeframe;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * The baseline: the historical endpoint's own SQL sent straight to PostgreSQL over JDBC (HikariCP), with the
 * parameters the endpoint binds by default, every column of every row read into the JDBC driver's Java types.
 * The endpoint reads each bar as one row value; here its fields are plain columns, the form pgjdbc reads fastest
 * (it would receive a row value as text, which costs PostgreSQL more to print).
 */
final class DirectSql implements AutoCloseable {

    private static final ParsedSql SQL = NamedParameterUtils.parseSqlStatement(BarRepository.STORED_BARS_AS_COLUMNS_SQL);
    private static final String JDBC_SQL = NamedParameterUtils.substituteNamedParameters(SQL, new MapSqlParameterSource());
    // The endpoint's defaults: validated_only=true&min_quality=0.85, no limit (the whole range) and no cursor.
    private static final BigDecimal MIN_QUALITY = new BigDecimal("0.85");
    private static final String[] FINER_THAN_DAILY = BarRepository.finerCodes(Timeframe.ONE_DAY);

    private final HikariDataSource pool;

    DirectSql(WarehouseDatabase database, int connections) {
        pool = new HikariDataSource();
        pool.setPoolName("mdw-bench-direct");
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(connections);
        pool.setMinimumIdle(connections);
    }

    /** Runs the read for a symbol's daily bars over the range; returns the rows read. */
    int historical(String symbol, LocalDate start, LocalDate end) throws SQLException {
        Map<String, Object> parameters = Map.of("symbol", symbol, "timeframe", "1d",
                "from", utc(Params.rangeStart("start", start.toString())),
                "to", utc(Params.rangeEndExclusive("end", end.toString())),
                "after", utc(BarRepository.BEFORE_ALL), "through", utc(BarRepository.AFTER_ALL),
                "minQuality", MIN_QUALITY, "finer", FINER_THAN_DAILY,
                "step", BarRepository.step(Timeframe.ONE_DAY));
        MapSqlParameterSource source = new MapSqlParameterSource(parameters).addValue("limit", null);
        Object[] values = NamedParameterUtils.buildValueArray(SQL, source, null);
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(JDBC_SQL)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, Types.BIGINT); // the limit: none
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            // kept, as the endpoint keeps its page of bars until it writes them
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(read(row));
                }
            }
            if (rows.isEmpty()) {
                throw new SQLException("no bars for " + symbol);
            }
            return rows.size();
        }
    }

    /** Every column the endpoint maps to a bar, as the driver's types for them. */
    private static Object[] read(ResultSet row) throws SQLException {
        return new Object[] {
                row.getObject(1, OffsetDateTime.class), row.getBigDecimal(2), row.getBigDecimal(3),
                row.getBigDecimal(4), row.getBigDecimal(5), row.getBigDecimal(6), row.getBigDecimal(7),
                row.getObject(8, Long.class), row.getBigDecimal(9), row.getObject(10, Boolean.class),
                row.getArray(11).getArray(), row.getObject(12, Integer.class), row.getString(13),
                row.getObject(14, Integer.class), row.getObject(15, Boolean.class)};
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        pool.close();
    }
}
