package io.mdw.api.enrichment;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdw.api.enrichment.JobExecutionRepository.Partition;
import io.mdw.api.enrichment.JobExecutionRepository.ProviderFailures;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadStatus;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A load job as the API shows it: its state, what it loads, and per (symbol, timeframe) partition what was read,
 * written and rejected so far, the stored bars it withdrew (no longer in the provider's answer, kept in rejected_bars),
 * the last bar it wrote and the error if it failed. {@code created_at} is when the job was submitted while it waits
 * for its first run, then when its first run was created (a restart keeps it); {@code runs} counts its Spring Batch
 * runs (a restart or a recovery adds one). The job's fields are its {@link LoadRecord}'s, which {@code mdw jobs} lists
 * too.
 */
@NullMarked
record JobView(String jobId, String status, @Nullable String batchStatus, @Nullable Long jobExecutionId, int runs,
               List<String> symbols, List<String> timeframes, @Nullable String start, @Nullable String end,
               @Nullable String source, @Nullable Instant createdAt, @Nullable Instant startedAt,
               @Nullable Instant endedAt, @Nullable String errorMessage,
               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Progress progress,
               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<PartitionView> partitions) {

    /** Without partitions (in lists) the progress is left out; a job not run yet has none. */
    static JobView of(LoadRecord load, @Nullable List<PartitionView> partitions) {
        return new JobView(load.requestId(), load.status().code(), load.batchStatus(), load.jobExecutionId(),
                load.runs(), load.symbols(), load.timeframes(), load.from(), load.to(), load.source(), load.createdAt(),
                load.startedAt(), load.endedAt(), load.error(),
                partitions == null ? null : Progress.of(load.partitions(), partitions), partitions);
    }

    /**
     * {@code partitions} counts the load's partitions, one per series, also those no run has made yet (a load that
     * could not start has none), as {@code mdw jobs} counts them.
     */
    record Progress(int partitions, long partitionsCompleted, long partitionsFailed, long read, long written,
                    long rejected, long withdrawn) {

        static Progress of(int loadPartitions, List<PartitionView> partitions) {
            return new Progress(loadPartitions,
                    partitions.stream().filter(p -> LoadStatus.COMPLETED.code().equals(p.status())).count(),
                    partitions.stream().filter(p -> LoadStatus.FAILED.code().equals(p.status())).count(),
                    partitions.stream().mapToLong(PartitionView::read).sum(),
                    partitions.stream().mapToLong(PartitionView::written).sum(),
                    partitions.stream().mapToLong(PartitionView::rejected).sum(),
                    partitions.stream().mapToLong(PartitionView::withdrawn).sum());
        }
    }

    /**
     * {@code retrying} is there while the partition runs and its requests to the provider have failed since the last
     * one it answered: the fetch waits to try again (POLYGON_MAX_ATTEMPTS), with nothing read meanwhile.
     */
    record PartitionView(String symbol, String timeframe, String status, long read, long written, long rejected,
                         long withdrawn, @Nullable Instant lastBarTime, @Nullable Instant startedAt,
                         @Nullable Instant endedAt, @Nullable String error,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Retrying retrying) {

        /** @param failures the provider failures of the partition's series in its run, if any */
        static PartitionView of(Partition p, @Nullable ProviderFailures failures) {
            LoadStatus status = LoadStatus.ofPartitionBatchStatus(p.batchStatus());
            return new PartitionView(p.series().symbol(), p.series().timeframe().code(), status.code(), p.read(),
                    p.written(), p.rejected(), p.withdrawn(), p.lastBarTime(), p.startedAt(), p.endedAt(),
                    status == LoadStatus.FAILED ? p.exitMessage() : null,
                    status == LoadStatus.IN_PROGRESS && failures != null
                            ? new Retrying(failures.failedAttempts(), failures.lastError(), failures.lastAttemptAt())
                            : null);
        }
    }

    record Retrying(long failedAttempts, String lastError, Instant lastAttemptAt) {
    }
}
