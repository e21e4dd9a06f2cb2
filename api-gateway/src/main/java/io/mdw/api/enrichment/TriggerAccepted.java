package io.mdw.api.enrichment;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a trigger: the job id to follow at {@code status_url}. {@code symbol} keeps the old single-symbol
 * field; the estimates come from the trading calendar (bars expected in the window) and the provider's page size.
 */
record TriggerAccepted(String jobId, String symbol, List<String> symbols, String assetClass, List<String> timeframes,
                       Instant start, Instant end, String status, long totalRecordsToProcess,
                       long estimatedDurationSeconds, String statusUrl, Instant timestamp) {
}
