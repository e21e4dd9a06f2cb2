package io.mdw.batch.warehouse;

import java.util.Map;

import io.mdw.batch.source.polygon.PolygonClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every request to the provider in its own transaction, so that failed attempts are kept even when the
 * chunk that made them rolls back; then, as chunks commit, how many bars of each answer were stored new or changed.
 */
@Repository
public class ProviderRequestLog implements PolygonClient.ProviderRequestListener {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public ProviderRequestLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Long onRequest(PolygonClient.RequestContext context, Integer httpStatus, int records, int responseTimeMs,
            String error) {
        boolean success = error == null;
        return ownTransaction.execute(status -> jdbc.queryForObject("""
                INSERT INTO provider_requests (symbol, timeframe, source, http_status, records_fetched,
                                               records_inserted, response_time_ms, success, error, job_execution_id)
                VALUES (?, ?, 'polygon', ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""", Long.class,
                context.symbol(), context.timeframe().code(), httpStatus, records, success ? 0 : null, responseTimeMs,
                success, error, context.jobExecutionId()));
    }

    /**
     * Adds the bars of each answer (by request id) that a chunk stored new or changed, in the chunk's transaction:
     * counted only when kept.
     */
    public void countStored(Map<Long, Integer> barsByRequest) {
        if (barsByRequest.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE provider_requests SET records_inserted = records_inserted + ? WHERE id = ?",
                barsByRequest.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
    }
}
