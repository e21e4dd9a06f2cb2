package io.mdw.pipeline;

import io.mdw.features.BarFeatures;
import io.mdw.market.Bar;
import io.mdw.quality.Assessment;

/** A bar that passed the reject rules, with its quality assessment and features. */
public record Accepted(Bar bar, Assessment assessment, BarFeatures features) implements ProcessedItem {
}
