package io.mdw.batch.warehouse;

import io.mdw.batch.source.polygon.PolygonClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every request to the provider in its own transaction, so that failed attempts are kept even when the
 * chunk that made them rolls back.
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
    public void onRequest(PolygonClient.RequestContext context, Integer httpStatus, int records, int responseTimeMs,
            String error) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                INSERT INTO provider_requests (symbol, timeframe, source, http_status, records_fetched,
                                               response_time_ms, success, error, job_execution_id)
                VALUES (?, ?, 'polygon', ?, ?, ?, ?, ?, ?)""",
                context.symbol(), context.timeframe().code(), httpStatus, records, responseTimeMs, error == null,
                error, context.jobExecutionId()));
    }
}
