package io.mdw.api.symbols;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mdw.market.Timeframe;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** A symbol the nightly run loads: its asset class (hence calendar), provider ticker and timeframes. */
@NullMarked
public record TrackedSymbol(String symbol, String assetClass, String providerTicker, List<String> timeframes,
                            @Nullable LocalDate historyStart, boolean active, Instant createdAt, Instant updatedAt) {

    /** The timeframes the nightly load keeps current: the tracked ones while active, none once deactivated. */
    public Set<Timeframe> activeTimeframes() {
        return active ? timeframes.stream().map(Timeframe::fromCode).collect(Collectors.toUnmodifiableSet()) : Set.of();
    }
}
