package io.mdw.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.mdw.market.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly load's requests: per tracked series, from its last stored bar (minus a few bars of overlap, for
 * late corrections by the provider) or else from its history start (or a default lookback) up to now. The API's
 * trigger starts a load given no start where the nightly one would, by {@link #from} too.
 */
public final class NightlyWindows {

    private static final Logger log = LoggerFactory.getLogger(NightlyWindows.class);

    /** The scheduled fire time in request ids, to the second in UTC, e.g. 2024-05-02T020000Z. */
    private static final DateTimeFormatter OCCURRENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final int overlapBars;
    private final Duration defaultLookback;

    NightlyWindows(int overlapBars, Duration defaultLookback) {
        if (overlapBars < 0) {
            throw new IllegalArgumentException("overlapBars must not be negative");
        }
        this.overlapBars = overlapBars;
        this.defaultLookback = defaultLookback;
    }

    /**
     * @param occurrence the scheduled fire time of the run, named in the request ids: every fire of the schedule loads
     *                   (several a day with an hourly cron), while the same fire run twice (recovered after its node
     *                   died) is refused as a duplicate
     */
    List<LoadRequest> requests(List<TrackedSeries> series, Instant now, Instant occurrence) {
        String run = "nightly-" + OCCURRENCE.format(occurrence) + "-";
        return series.stream()
                .filter(one -> from(one, now).isBefore(now))
                .filter(NightlyWindows::loadable)
                .map(one -> new LoadRequest(
                        run + one.symbol() + "-" + one.timeframe().code(),
                        List.of(one.symbol()),
                        List.of(one.timeframe()),
                        from(one, now),
                        now,
                        LoadRequest.POLYGON))
                .toList();
    }

    /** A symbol tracked before symbols were checked as tickers is left out, so that it cannot stop the others. */
    private static boolean loadable(TrackedSeries series) {
        if (Ticker.isValid(series.symbol())) {
            return true;
        }
        log.warn("Not loading tracked symbol '{}': it is not a ticker ({}); ./mdw symbols deactivate removes it",
                series.symbol(), Ticker.EXPECTED);
        return false;
    }

    /** The newest stored bars of a series that its nightly load loads again: the newest and the overlap before it. */
    public int reloadedBars() {
        return overlapBars + 1;
    }

    /** Where the nightly load of this series, run now, starts. */
    public Instant from(TrackedSeries series, Instant now) {
        if (series.reloadFrom() != null) {
            return series.reloadFrom();
        }
        if (series.historyStart() != null) {
            return series.historyStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return now.minus(defaultLookback);
    }
}
