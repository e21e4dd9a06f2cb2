package io.mdw.batch.warehouse;

import java.sql.Timestamp;
import java.util.List;

import io.mdw.market.Timeframe;
import io.mdw.pipeline.Rejected;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Keeps every refused item with what was received and why; the same item refused again (the same payload, and for a
 * row of a text file the same line) is kept once.
 */
@Repository
public class RejectStore {

    private final JdbcTemplate jdbc;

    public RejectStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String symbol, Timeframe timeframe, String source, Long jobExecutionId, List<Rejected> items) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO rejected_bars (symbol, timeframe, time, source, reason, raw_payload, job_execution_id,
                                           source_line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol, timeframe, payload_md5, (coalesce(source_line, 0))) DO NOTHING""", items, items.size(), (ps, item) -> {
            ps.setString(1, symbol);
            ps.setString(2, timeframe.code());
            ps.setTimestamp(3, item.time() == null ? null : Timestamp.from(item.time()));
            ps.setString(4, source);
            ps.setString(5, storable(item.reason()));
            ps.setString(6, storable(RejectPayload.of(item.raw())));
            ps.setObject(7, jobExecutionId);
            ps.setObject(8, item.raw().line() == null ? null : item.raw().line().number());
        });
    }

    /** A refused item as an operator reads it: which series, and why. */
    public record Rejection(String symbol, String timeframe, String reason) {
    }

    /**
     * The first items these runs refused, in the order they were kept: an item refused before, by an earlier load, is
     * kept (and so listed) with that load's run only.
     */
    public List<Rejection> firstOf(List<Long> jobExecutionIds, int limit) {
        return jdbc.query("""
                        SELECT symbol, timeframe, reason FROM rejected_bars
                        WHERE job_execution_id = ANY (?) ORDER BY id LIMIT ?""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("bigint", jobExecutionIds.toArray()));
                    ps.setInt(2, limit);
                },
                (row, i) -> new Rejection(row.getString("symbol"), row.getString("timeframe"), row.getString("reason")));
    }

    /**
     * PostgreSQL's text holds every character but NUL: a NUL of the file (or of a value quoted in the reason) is kept
     * as U+2400, the symbol for it, so that the row is kept rather than failing its chunk.
     */
    private static String storable(String text) {
        return text.replace('\u0000', '\u2400');
    }
}
