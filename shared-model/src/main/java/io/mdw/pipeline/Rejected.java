package io.mdw.pipeline;

import io.mdw.market.RawBar;

import java.time.Instant;

/** An item kept out of the warehouse, as received, with why; {@code time} is null when t was unreadable. */
public record Rejected(RawBar raw, Instant time, String reason) implements ProcessedItem {
}
