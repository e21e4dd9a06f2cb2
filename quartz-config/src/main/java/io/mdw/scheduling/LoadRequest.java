package io.mdw.scheduling;

import io.mdw.market.Ticker;
import io.mdw.market.Timeframe;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one load job does: fetch these symbols × timeframes over [from, to) from a source.
 * The request id is also the job id in the cluster and a Spring Batch job parameter.
 *
 * @param source {@value #POLYGON}, or {@value #FILE_PREFIX} followed by the path of a provider-format JSON or CSV file
 */
public record LoadRequest(String requestId, List<String> symbols, List<Timeframe> timeframes, Instant from, Instant to,
                          String source) {

    public static final String POLYGON = "polygon";
    public static final String FILE_PREFIX = "file:";

    /** A new request id, of one shape wherever a load is asked for (the API, the CLI): "load-" and a random UUID. */
    public static String newId() {
        return "load-" + UUID.randomUUID();
    }

    /** The source of a load from a file (a path, or classpath:... for a bundled one). */
    public static String fileSource(String path) {
        return FILE_PREFIX + path;
    }

    /** The file to read, or null when the source is the provider. */
    public String file() {
        return source.startsWith(FILE_PREFIX) ? source.substring(FILE_PREFIX.length()) : null;
    }

    /** What the stored bars say they came from: "polygon" or "file". */
    public String sourceKind() {
        return file() == null ? source : "file";
    }

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
        // each series once, whatever the request repeats (AAPL,AAPL or 1d,1d)
        symbols = List.copyOf(new LinkedHashSet<>(symbols));
        timeframes = List.copyOf(new LinkedHashSet<>(timeframes));
        if (symbols.isEmpty() || timeframes.isEmpty()) {
            throw new IllegalArgumentException("a load request needs at least one symbol and one timeframe");
        }
        // a ticker is also one segment of the provider's URL, and never holds the separator the symbols are stored with
        for (String symbol : symbols) {
            if (!Ticker.isValid(symbol)) {
                throw new IllegalArgumentException("Invalid symbol '" + symbol + "': expected " + Ticker.EXPECTED);
            }
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** How many (symbol, timeframe) series it loads. */
    public int seriesCount() {
        return symbols.size() * timeframes.size();
    }

    /** Whether this request loads every series of the other over all of the other's window. */
    public boolean covers(LoadRequest other) {
        return other.hasEverySeriesIn(this) && !from.isAfter(other.from) && !to.isBefore(other.to);
    }

    /** Whether the other request loads every series of this one, whatever the windows. */
    public boolean hasEverySeriesIn(LoadRequest other) {
        return sharedSeries(other).size() == seriesCount();
    }

    /** True when both requests load at least one same (symbol, timeframe) series. */
    public boolean overlaps(LoadRequest other) {
        return loadsAnyOf(other.symbols, other.timeframes);
    }

    /** The series both requests load, as "SYMBOL timeframe" (e.g. "AAPL 1d"), in this request's order. */
    public List<String> sharedSeries(LoadRequest other) {
        return symbols.stream().filter(other.symbols::contains)
                .flatMap(symbol -> timeframes.stream().filter(other.timeframes::contains)
                        .map(timeframe -> symbol + " " + timeframe.code()))
                .toList();
    }

    /** True when this request loads at least one of these symbols in at least one of these timeframes. */
    public boolean loadsAnyOf(List<String> otherSymbols, List<Timeframe> otherTimeframes) {
        return symbols.stream().anyMatch(otherSymbols::contains)
                && timeframes.stream().anyMatch(otherTimeframes::contains);
    }
}
