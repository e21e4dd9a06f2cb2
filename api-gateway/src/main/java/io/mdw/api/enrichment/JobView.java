package io.mdw.api.enrichment;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdw.api.enrichment.JobExecutionRepository.Partition;

/**
 * A load job as the API shows it: its state, what it loads, and per (symbol, timeframe) partition what was read,
 * written and rejected so far, the last bar it wrote and the error if it failed. {@code created_at} is when the job
 * was submitted while it waits for its first run, then when its latest run was created.
 */
record JobView(String jobId, String status, String batchStatus, Long jobExecutionId, List<String> symbols,
               List<String> timeframes, String start, String end, String source, Instant createdAt,
               Instant startedAt, Instant endedAt, String errorMessage,
               @JsonInclude(JsonInclude.Include.NON_NULL) Progress progress,
               @JsonInclude(JsonInclude.Include.NON_NULL) List<PartitionView> partitions) {

    record Progress(int partitions, long partitionsCompleted, long partitionsFailed, long read, long written,
                    long rejected) {

        static Progress of(List<PartitionView> partitions) {
            return new Progress(partitions.size(),
                    partitions.stream().filter(p -> "completed".equals(p.status())).count(),
                    partitions.stream().filter(p -> "failed".equals(p.status())).count(),
                    partitions.stream().mapToLong(PartitionView::read).sum(),
                    partitions.stream().mapToLong(PartitionView::written).sum(),
                    partitions.stream().mapToLong(PartitionView::rejected).sum());
        }
    }

    record PartitionView(String symbol, String timeframe, String status, long read, long written, long rejected,
                         Instant lastBarTime, Instant startedAt, Instant endedAt, String error) {

        static PartitionView of(Partition p) {
            String status = JobStatus.fromBatchStatus(p.batchStatus()).code();
            return new PartitionView(p.symbol(), p.timeframe(), status, p.read(), p.written(), p.rejected(),
                    p.lastBarTime(), p.startedAt(), p.endedAt(), "failed".equals(status) ? p.exitMessage() : null);
        }
    }
}
