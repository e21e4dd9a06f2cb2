package io.mdw.batch.warehouse;

import java.sql.Timestamp;
import java.util.List;

import io.mdw.market.Timeframe;
import io.mdw.pipeline.Rejected;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Keeps every refused item with what was received and why; the same item refused again is kept once. */
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
                INSERT INTO rejected_bars (symbol, timeframe, time, source, reason, raw_payload, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol, timeframe, payload_md5) DO NOTHING""", items, items.size(), (ps, item) -> {
            ps.setString(1, symbol);
            ps.setString(2, timeframe.code());
            ps.setTimestamp(3, item.time() == null ? null : Timestamp.from(item.time()));
            ps.setString(4, source);
            ps.setString(5, item.reason());
            ps.setString(6, item.raw().toPayload());
            ps.setObject(7, jobExecutionId);
        });
    }
}
