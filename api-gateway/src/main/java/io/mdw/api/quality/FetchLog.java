package io.mdw.api.quality;

import java.time.Instant;

/**
 * A request to the provider: the bars its answer held (records_fetched) and how many of them were stored new or
 * changed a stored bar (records_inserted: not its rejects, nor bars stored as they already were; null for a failed
 * request).
 */
record FetchLog(String source, String timeframe, long recordsFetched, Long recordsInserted, long responseTimeMs,
                boolean success, Integer httpStatus, String error, Instant timestamp) {
}
