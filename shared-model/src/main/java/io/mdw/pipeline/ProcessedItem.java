package io.mdw.pipeline;

/** The outcome of processing one raw item: an accepted bar or a rejected item. */
public sealed interface ProcessedItem permits Accepted, Rejected {
}
