package io.mdw.api.quality;

import java.time.Instant;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A request to the provider: the bars its answer held (records_fetched) and how many of them were stored new or
 * changed a stored bar (records_inserted: not its rejects, nor bars stored as they already were; null for a failed
 * request).
 */
@NullMarked
record FetchLog(String source, String timeframe, long recordsFetched, @Nullable Long recordsInserted,
                long responseTimeMs, boolean success, @Nullable Integer httpStatus, @Nullable String error,
                Instant timestamp) {
}
