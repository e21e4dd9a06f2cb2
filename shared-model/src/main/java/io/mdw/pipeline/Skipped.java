package io.mdw.pipeline;

import java.time.Instant;

/** A bar of a file outside the window the load asked for ({@link OutsideWindow#SKIPPED}): left out, not a reject. */
public record Skipped(Instant time) implements ProcessedItem {
}
