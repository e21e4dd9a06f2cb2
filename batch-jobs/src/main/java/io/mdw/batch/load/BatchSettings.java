package io.mdw.batch.load;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a node runs a load (application.yml), checked when bound: a bad value fails start-up naming its variable.
 *
 * @param concurrency partitions (symbol × timeframe) loaded at once on this node (MDW_BATCH_CONCURRENCY)
 * @param chunkSize   bars per transaction, the unit of restart (MDW_BATCH_CHUNK_SIZE)
 */
@Validated
@ConfigurationProperties("mdw.batch")
public record BatchSettings(@Min(1) int concurrency, @Min(1) int chunkSize) {
}
