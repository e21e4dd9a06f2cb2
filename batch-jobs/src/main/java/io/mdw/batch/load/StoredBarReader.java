package io.mdw.batch.load;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;

import io.mdw.market.RawBar;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bars a series has stored in a window, oldest first, read a chunk at a time (by time, so that a read is an index
 * range), until {@link SeriesConvergence} says going over them again changes nothing more. Each chunk's bars are read
 * in its own transaction; no other load writes the series meanwhile ({@link SeriesLock}). Restarts after the last bar
 * of the last committed chunk.
 */
public class StoredBarReader implements ItemStreamReader<StoredBar> {

    private static final String LAST_READ = "stored.lastRead";

    private final JdbcClient jdbc;
    private final SeriesWindow window;
    private final SeriesConvergence convergence;
    /** The step's chunk size: a page is what one chunk reads, in its transaction. */
    private final int chunkSize;
    private final ArrayDeque<StoredBar> page = new ArrayDeque<>();
    private Instant lastRead;
    private Instant lastFetched;
    private boolean exhausted;

    public StoredBarReader(JdbcClient jdbc, SeriesWindow window, SeriesConvergence convergence,
            int chunkSize) {
        this.jdbc = jdbc;
        this.window = window;
        this.convergence = convergence;
        this.chunkSize = chunkSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastRead = context.containsKey(LAST_READ) ? Instant.ofEpochMilli(context.getLong(LAST_READ))
                : window.from().minusMillis(1);
        lastFetched = lastRead;
    }

    @Override
    public StoredBar read() throws SQLException {
        if (convergence.reached()) {
            return null;
        }
        if (page.isEmpty() && !exhausted) {
            jdbc.sql("""
                            SELECT time, open, high, low, close, volume, vwap, trade_count, source FROM bars
                            WHERE symbol = ? AND timeframe = ? AND time > ? AND time < ?
                            ORDER BY time LIMIT ?""")
                    .params(window.symbol(), window.timeframe().code(), Timestamp.from(lastFetched),
                            Timestamp.from(window.to()), chunkSize)
                    .query(StoredBarReader::storedBar)
                    .list()
                    .forEach(page::add);
            exhausted = page.size() < chunkSize;
            if (!page.isEmpty()) {
                lastFetched = Instant.ofEpochMilli(Long.parseLong(page.peekLast().raw().t()));
            }
        }
        StoredBar next = page.poll();
        if (next != null) {
            lastRead = Instant.ofEpochMilli(Long.parseLong(next.raw().t()));
        }
        return next;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_READ, lastRead.toEpochMilli());
    }

    /** Prices as PostgreSQL prints them: exactly as stored, and NaN as NaN, which the pipeline then refuses. */
    private static StoredBar storedBar(ResultSet row, int number) throws SQLException {
        return new StoredBar(new RawBar(String.valueOf(row.getTimestamp("time").toInstant().toEpochMilli()),
                row.getString("open"), row.getString("high"), row.getString("low"), row.getString("close"),
                row.getString("volume"), row.getString("vwap"), row.getString("trade_count"), null),
                row.getString("source"));
    }
}
