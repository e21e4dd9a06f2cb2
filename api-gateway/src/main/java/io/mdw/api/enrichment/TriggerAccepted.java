package io.mdw.api.enrichment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a trigger: the job id to follow at {@code status_url}. {@code symbol} keeps the old single-symbol
 * field; the estimates come from the trading calendar (bars expected in the window) and the provider's page size.
 */
@NullMarked
record TriggerAccepted(String jobId, String symbol, List<String> symbols, @Nullable String assetClass,
                       List<String> timeframes, Instant start, Instant end, String status, long totalRecordsToProcess,
                       long estimatedDurationSeconds, String statusUrl, Instant timestamp) {
}
