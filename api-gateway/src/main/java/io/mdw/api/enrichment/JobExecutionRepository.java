package io.mdw.api.enrichment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mdw.api.web.Rows;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadFailure;
import io.mdw.scheduling.LoadJobRunner;
import io.mdw.scheduling.LoadRequestFields;
import io.mdw.scheduling.LoadStatus;
import io.mdw.scheduling.PartitionName;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The load job's progress as Spring Batch's JobRepository records it (BATCH_* tables, the partitions' step contexts
 * and the counts they carry included): the runs and partitions behind the loads that LoadRecords lists.
 */
@Repository
public class JobExecutionRepository {

    private static final String JOB_NAME = LoadJobRunner.BATCH_JOB;

    private static final String EXECUTIONS = """
            SELECT e.job_execution_id, e.job_instance_id, e.status, e.exit_message, e.create_time, e.start_time,
                   e.end_time, request.*
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            %s
            WHERE i.job_name = :jobName AND request.request_id IS NOT NULL
            ORDER BY e.job_execution_id DESC
            LIMIT :limit
            """.formatted(LoadRequestFields.requestOfRun("e"));

    /**
     * The attempts at a symbol's series, the latest being of the latest run: the steps of its partitions, and the runs
     * of loads listing it that ran none of them while their load had yet to complete one. Such a run failed to start (no
     * Polygon key on its node, say) or has yet to partition its load; a restart runs only the partitions that did not
     * complete, so a run without the symbol's partitions once they all completed is no attempt at it.
     */
    private static final String ATTEMPTS = """
            WITH attempts AS (
                SELECT s.job_execution_id, s.step_execution_id, s.step_name, s.status, s.exit_message, s.end_time
                FROM batch_step_execution s
                WHERE left(s.step_name, length(:prefix)) = :prefix
                UNION ALL
                SELECT e.job_execution_id, NULL, NULL, e.status, e.exit_message, e.end_time
                FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                %s
                WHERE i.job_name = :jobName AND %s
                  AND NOT EXISTS (SELECT FROM batch_step_execution s
                                  WHERE s.job_execution_id = e.job_execution_id
                                    AND left(s.step_name, length(:prefix)) = :prefix)
                  AND NOT coalesce((SELECT bool_and(series.completed)
                                    FROM (SELECT bool_or(s.status = 'COMPLETED') AS completed
                                          FROM batch_step_execution s
                                          JOIN batch_job_execution x ON x.job_execution_id = s.job_execution_id
                                          WHERE x.job_instance_id = e.job_instance_id
                                            AND left(s.step_name, length(:prefix)) = :prefix
                                          GROUP BY s.step_name) series), false)
            ),
            -- each series' last attempt: one series failing while another loads is still a failing symbol; of a
            -- symbol the nightly load keeps, only the timeframes it keeps (one dropped is failing no more)
            last_of_series AS (
                SELECT DISTINCT ON (step_name) step_name, job_execution_id, step_execution_id, status, exit_message
                FROM attempts
                WHERE step_name IS NOT NULL
                  AND NOT EXISTS (SELECT FROM symbols kept
                                  WHERE kept.symbol = :symbol AND kept.active AND cardinality(kept.timeframes) > 0
                                    AND NOT substring(step_name FROM '@([^@]*)$') = ANY (kept.timeframes))
                ORDER BY step_name, job_execution_id DESC, step_execution_id DESC
            )
            SELECT (array_agg(status ORDER BY job_execution_id DESC, step_execution_id DESC))[1] AS last_status,
                   (array_agg(exit_message ORDER BY job_execution_id DESC, step_execution_id DESC))[1] AS last_message,
                   max(end_time) FILTER (WHERE status = 'COMPLETED') AS completed_at,
                   (SELECT exit_message FROM last_of_series WHERE status = 'FAILED'
                    ORDER BY job_execution_id DESC, step_execution_id DESC LIMIT 1) AS failed_series_message,
                   EXISTS (SELECT FROM last_of_series WHERE status = 'FAILED') AS a_series_failed
            FROM attempts
            """.formatted(LoadRequestFields.requestOfRun("e"), LoadRequestFields.listsSymbol(":symbol"));

    private final DatabaseClient db;

    JobExecutionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One execution of the load job, with the parameters it was launched with. */
    public record Execution(long jobExecutionId, long jobInstanceId, String requestId, String batchStatus,
                            String exitMessage, Instant createdAt, Instant startedAt, Instant endedAt,
                            String symbols, String timeframes, String from, String to, String source) {

        public LoadStatus status() {
            return LoadStatus.ofBatchStatus(batchStatus);
        }
    }

    /**
     * One (symbol, timeframe) series of a job: its latest step execution, with what all its attempts read and wrote
     * (a restart counts from where the last one committed).
     *
     * @param lastBarTime the start of the last bar this job wrote to the series (as of its last committed chunk); null
     *                    until it writes one, whatever the series held before
     */
    public record Partition(PartitionName series, String batchStatus, long read, long written, long rejected,
                            long withdrawn, Instant lastBarTime, Instant startedAt, Instant endedAt,
                            String exitMessage) {
    }

    /**
     * A series whose provider requests in a run have failed since its last answered one: the fetch is waiting to retry
     * (or has given up, which its partition's failure then says).
     */
    public record ProviderFailures(PartitionName series, long failedAttempts, String lastError, Instant lastAttemptAt) {
    }

    /**
     * Of one run and these of its series, each one's provider requests that failed after its last successful one, if
     * any did. Per series: the last success is found reading the run's requests backwards, then only the failures
     * after it are read (provider_requests_job_execution), so a long run costs no more than a short one.
     */
    public Flux<ProviderFailures> providerFailuresSinceLastSuccess(long jobExecutionId, List<PartitionName> series) {
        return db.sql("""
                        SELECT s.symbol, s.timeframe, f.failed_attempts, f.last_error, f.last_attempt_at
                        FROM unnest(CAST(:symbols AS text[]), CAST(:timeframes AS text[])) AS s(symbol, timeframe)
                        CROSS JOIN LATERAL (
                            SELECT count(*) AS failed_attempts,
                                   (array_agg(r.error ORDER BY r.id DESC))[1] AS last_error,
                                   max(r.requested_at) AS last_attempt_at
                            FROM provider_requests r
                            WHERE r.job_execution_id = :execution AND r.symbol = s.symbol
                              AND r.timeframe = s.timeframe AND NOT r.success
                              AND r.id > coalesce((SELECT ok.id FROM provider_requests ok
                                                   WHERE ok.job_execution_id = :execution AND ok.symbol = s.symbol
                                                     AND ok.timeframe = s.timeframe AND ok.success
                                                   ORDER BY ok.id DESC LIMIT 1), 0)
                        ) f
                        WHERE f.failed_attempts > 0
                        """)
                .bind("execution", jobExecutionId)
                .bind("symbols", series.stream().map(PartitionName::symbol).toArray(String[]::new))
                .bind("timeframes", series.stream().map(name -> name.timeframe().code()).toArray(String[]::new))
                .map(row -> new ProviderFailures(new PartitionName(row.get("symbol", String.class),
                        Timeframe.fromCode(row.get("timeframe", String.class))), Rows.count(row, "failed_attempts"),
                        row.get("last_error", String.class), row.get("last_attempt_at", Instant.class)))
                .all();
    }

    /** The newest executions, each run of a job apart: the execution history. */
    public Flux<Execution> recent(int limit) {
        return db.sql(EXECUTIONS)
                .bind("jobName", JOB_NAME).bind("limit", limit)
                .map(JobExecutionRepository::toExecution)
                .all();
    }

    /**
     * The partitions of a job instance: each one's state at its latest attempt (a restart re-runs only the unfinished
     * ones), and what it read and wrote over all its attempts, as the counts its context carries from run to run hold
     * them (see {@link LoadJobRunner#BARS_STORED}).
     */
    public Flux<Partition> partitions(long jobInstanceId) {
        return db.sql("""
                        WITH attempts AS (
                            SELECT s.*,
                                   row_number() OVER (PARTITION BY s.step_name ORDER BY s.step_execution_id DESC)
                                       AS newest_first
                            FROM batch_step_execution s
                            JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                            WHERE e.job_instance_id = :instance AND starts_with(s.step_name, :partitionPrefix)
                        )
                        SELECT latest.*,
                               (SELECT coalesce(c.serialized_context, c.short_context)
                                 FROM batch_step_execution_context c
                                 WHERE c.step_execution_id = latest.step_execution_id) AS context
                        FROM attempts latest
                        WHERE latest.newest_first = 1
                        ORDER BY latest.step_name
                        """)
                .bind("instance", jobInstanceId).bind("partitionPrefix", PartitionName.STEP_PREFIX)
                .map(row -> {
                    PartitionName partition = PartitionName.ofStep(row.get("step_name", String.class)).orElseThrow();
                    StepExecutionContext context = StepExecutionContext.read(row.get("context", String.class));
                    long stored = context.count(LoadJobRunner.BARS_STORED);
                    long rejected = context.count(LoadJobRunner.ITEMS_REJECTED);
                    return new Partition(partition, row.get("status", String.class),
                            stored + rejected + context.count(LoadJobRunner.BARS_SKIPPED), stored, rejected,
                            context.count(LoadJobRunner.BARS_WITHDRAWN),
                            context.epochMillis(LoadJobRunner.LAST_ACCEPTED),
                            Rows.batchInstant(row, "start_time"), Rows.batchInstant(row, "end_time"),
                            LoadFailure.summary(row.get("exit_message", String.class)));
                })
                .all();
    }

    /**
     * The loads of a symbol's series, as its status reports them.
     *
     * @param lastError     the error of the latest attempt at one of its series, if that attempt failed, else of a
     *                      series whose own latest attempt failed
     * @param lastCompleted when a load of one of its series last completed, if one has
     */
    public record SymbolLoads(Optional<String> lastError, Optional<Instant> lastCompleted) {
    }

    /** One pass over the attempts at the symbol's series. */
    public Mono<SymbolLoads> loadsOf(String symbol) {
        return db.sql(ATTEMPTS)
                .bind("prefix", PartitionName.stepPrefixOf(symbol)).bind("jobName", JOB_NAME).bind("symbol", symbol)
                .map(row -> new SymbolLoads(lastError(row), Optional.ofNullable(Rows.batchInstant(row, "completed_at"))))
                .one();
    }

    /** The last attempt's failure, else that of a series whose last attempt failed; empty when neither failed. */
    private static Optional<String> lastError(Readable row) {
        boolean lastFailed = "FAILED".equals(row.get("last_status", String.class));
        if (!lastFailed && !Boolean.TRUE.equals(row.get("a_series_failed", Boolean.class))) {
            return Optional.empty();
        }
        String message = row.get(lastFailed ? "last_message" : "failed_series_message", String.class);
        return Optional.of(Optional.ofNullable(LoadFailure.summary(message)).orElse("the last load failed"));
    }

    /** Partition step figures: how many ran, how many completed, their average duration. */
    public record ComputeFigures(long total, long successful, Double avgDurationMs) {
    }

    public Mono<ComputeFigures> computeFigures() {
        return db.sql("""
                        SELECT count(*) AS total, count(*) FILTER (WHERE status = 'COMPLETED') AS successful,
                               avg(extract(epoch FROM end_time - start_time) * 1000)
                                   FILTER (WHERE status = 'COMPLETED') AS avg_ms
                        FROM batch_step_execution WHERE starts_with(step_name, :partitionPrefix)
                        """)
                .bind("partitionPrefix", PartitionName.STEP_PREFIX)
                .map(row -> new ComputeFigures(Rows.count(row, "total"), Rows.count(row, "successful"),
                        row.get("avg_ms", Double.class)))
                .one();
    }

    private static Execution toExecution(Readable row) {
        return new Execution(row.get("job_execution_id", Long.class), row.get("job_instance_id", Long.class),
                row.get("request_id", String.class), row.get("status", String.class),
                LoadFailure.summary(row.get("exit_message", String.class)), Rows.batchInstant(row, "create_time"),
                Rows.batchInstant(row, "start_time"), Rows.batchInstant(row, "end_time"),
                row.get("symbols", String.class), row.get("timeframes", String.class),
                row.get("from_time", String.class), row.get("to_time", String.class), row.get("source", String.class));
    }
}
