package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one load job does: fetch these symbols × timeframes over [from, to) from a source.
 * The request id is also the job id in the cluster and a Spring Batch job parameter.
 */
public record LoadRequest(String requestId, List<String> symbols, List<Timeframe> timeframes, Instant from, Instant to,
                          String source) {

    /** Quartz's QRTZ_JOB_DETAILS.JOB_NAME column width. */
    private static final int MAX_REQUEST_ID_LENGTH = 200;

    public LoadRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(source, "source");
        if (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw new IllegalArgumentException("requestId must have 1 to " + MAX_REQUEST_ID_LENGTH + " characters");
        }
        symbols = List.copyOf(symbols);
        timeframes = List.copyOf(timeframes);
        if (symbols.isEmpty() || timeframes.isEmpty()) {
            throw new IllegalArgumentException("a load request needs at least one symbol and one timeframe");
        }
        // symbols are stored comma-separated in the job's data
        if (symbols.stream().anyMatch(symbol -> symbol.isBlank() || symbol.contains(","))) {
            throw new IllegalArgumentException("invalid symbol in " + symbols);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** True when both requests load at least one same (symbol, timeframe) series. */
    public boolean overlaps(LoadRequest other) {
        return symbols.stream().anyMatch(other.symbols::contains)
                && timeframes.stream().anyMatch(other.timeframes::contains);
    }
}
