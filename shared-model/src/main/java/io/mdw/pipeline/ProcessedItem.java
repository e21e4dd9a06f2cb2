package io.mdw.pipeline;

/** The outcome of processing one raw item: an accepted bar, a rejected item, or a bar skipped as outside the window. */
public sealed interface ProcessedItem permits Accepted, Rejected, Skipped {
}
