package io.mdw.api.quality;

import java.time.Instant;

/**
 * A request to the provider. records_inserted is null: the warehouse logs what a request fetched; the job's partitions
 * report what was written.
 */
record FetchLog(String source, String timeframe, long recordsFetched, Long recordsInserted, long responseTimeMs,
                boolean success, Integer httpStatus, String error, Instant timestamp) {
}
