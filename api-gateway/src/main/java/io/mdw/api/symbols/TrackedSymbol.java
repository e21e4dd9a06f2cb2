package io.mdw.api.symbols;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A symbol the nightly run loads: its asset class (hence calendar), provider ticker and timeframes. */
public record TrackedSymbol(String symbol, String assetClass, String providerTicker, List<String> timeframes,
                            LocalDate historyStart, boolean active, Instant createdAt, Instant updatedAt) {
}
