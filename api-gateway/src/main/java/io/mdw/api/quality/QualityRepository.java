package io.mdw.api.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import io.mdw.api.web.Rows;
import io.mdw.calendar.ExpectedBars;
import io.mdw.calendar.TradingCalendar;
import io.mdw.market.Timeframe;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A symbol's daily quality (quality_daily, its completeness against the calendar) and its requests to the provider
 * (provider_requests).
 */
@Repository
class QualityRepository {

    private final DatabaseClient db;

    QualityRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Its days from {@code since} on, each with its timeframes, measured against the bars the calendar expects that have
     * ended by {@code now}: completeness is the share of those that is stored. A stored bar at no such start (Polygon's
     * pre- and post-market hours of a stock, a bar off the calendar's grid, one still forming) is one of the records,
     * but neither adds to completeness nor takes the place of a missing bar.
     */
    Flux<DailyMetric> dailyMetrics(String symbol, LocalDate since, TradingCalendar calendar, Instant now) {
        // the calendar's bars of a year of 1m series take a tenth of a second or more to list: not on the
        // database's event loop
        return storedDays(symbol, since).collectList().publishOn(Schedulers.parallel()).flatMapMany(days -> {
            Map<SeriesDay, ExpectedBars> expected = new HashMap<>();
            days.forEach(day -> expected.put(day.seriesDay(), day.seriesDay().expected(calendar, now)));
            return storedAtExpectedStarts(symbol, expected).flatMapIterable(stored -> {
                Map<LocalDate, List<Counts>> byDay = new TreeMap<>();
                days.forEach(day -> byDay.computeIfAbsent(day.seriesDay().day(), d -> new ArrayList<>())
                        .add(day.counts(expected.get(day.seriesDay()), stored.getOrDefault(day.seriesDay(), 0L))));
                return byDay.entrySet().stream().map(day -> Counts.dayOf(day.getKey(), day.getValue())).toList();
            });
        });
    }

    /** A UTC day of one of the symbol's series. */
    private record SeriesDay(LocalDate day, Timeframe timeframe) {

        ExpectedBars expected(TradingCalendar calendar, Instant now) {
            return ExpectedBars.endedBy(now, calendar, timeframe, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    /** What the load job counted of a day (quality_daily). */
    private record StoredDay(SeriesDay seriesDay, long records, long validated, long rejected, long gaps,
                             long anomalies, BigDecimal avgQualityScore) {

        Counts counts(ExpectedBars expected, long storedAtExpectedStarts) {
            return new Counts(seriesDay.timeframe().code(), records, validated, rejected, gaps, anomalies,
                    avgQualityScore, expected.count(), storedAtExpectedStarts);
        }
    }

    /** A day's counts of one timeframe, or (timeframe null) of several added up. */
    private record Counts(String timeframe, long records, long validated, long rejected, long gaps, long anomalies,
                          BigDecimal avgQualityScore, long expected, long storedAtExpectedStarts) {

        static DailyMetric dayOf(LocalDate day, List<Counts> timeframes) {
            Counts all = new Counts(null, sum(timeframes, Counts::records), sum(timeframes, Counts::validated),
                    sum(timeframes, Counts::rejected), sum(timeframes, Counts::gaps), sum(timeframes, Counts::anomalies),
                    Rows.meanScore(timeframes, Counts::avgQualityScore, Counts::records),
                    sum(timeframes, Counts::expected), sum(timeframes, Counts::storedAtExpectedStarts));
            return all.metric(day, timeframes.stream().map(timeframe -> timeframe.metric(day, null)).toList());
        }

        private static long sum(List<Counts> timeframes, ToLongFunction<Counts> count) {
            return timeframes.stream().mapToLong(count).sum();
        }

        private DailyMetric metric(LocalDate day, List<DailyMetric> timeframes) {
            return new DailyMetric(day, timeframe, records, validated, Rows.percent(validated, records), rejected, gaps,
                    anomalies, avgQualityScore, expected, Rows.percent(storedAtExpectedStarts, expected), timeframes);
        }
    }

    private Flux<StoredDay> storedDays(String symbol, LocalDate since) {
        return db.sql("""
                        SELECT day, timeframe, records, validated_records, rejected_records, gaps_detected,
                               anomalies_detected, avg_quality_score
                        FROM quality_daily WHERE symbol = :symbol AND day >= :since
                        ORDER BY day, timeframe
                        """)
                .bind("symbol", symbol).bind("since", since)
                .map(row -> new StoredDay(new SeriesDay(row.get("day", LocalDate.class),
                        Timeframe.fromCode(row.get("timeframe", String.class))), Rows.count(row, "records"),
                        Rows.count(row, "validated_records"), Rows.count(row, "rejected_records"),
                        Rows.count(row, "gaps_detected"), Rows.count(row, "anomalies_detected"),
                        row.get("avg_quality_score", BigDecimal.class)))
                .all();
    }

    /**
     * How many stored bars of each day start where the calendar expects a bar: one range of the bars' primary key per
     * run of expected bars, of which the bars on the run's grid count. Counted run by run (a lateral subquery): a join
     * on the timeframe alone compared every bar of the series with every run, 15 s for a year of 1m bars.
     */
    private Mono<Map<SeriesDay, Long>> storedAtExpectedStarts(String symbol, Map<SeriesDay, ExpectedBars> expected) {
        List<String> days = new ArrayList<>();
        List<String> timeframes = new ArrayList<>();
        List<String> firsts = new ArrayList<>();
        List<String> lasts = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        expected.forEach((seriesDay, bars) -> bars.runs().forEach(run -> {
            days.add(seriesDay.day().toString());
            timeframes.add(seriesDay.timeframe().code());
            firsts.add(run.first().toString());
            lasts.add(run.last().toString());
            steps.add(run.step().toString());
        }));
        if (days.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT r.day, r.timeframe, sum(run.stored) AS stored
                        FROM unnest(CAST(:days AS date[]), CAST(:timeframes AS text[]), CAST(:firsts AS timestamptz[]),
                                    CAST(:lasts AS timestamptz[]), CAST(:steps AS interval[]))
                             AS r(day, timeframe, first, last, step)
                        CROSS JOIN LATERAL (
                            SELECT count(*) AS stored FROM bars b
                            WHERE b.symbol = :symbol AND b.timeframe = r.timeframe
                              AND b.time BETWEEN r.first AND r.last AND date_bin(r.step, b.time, r.first) = b.time
                        ) AS run
                        GROUP BY r.day, r.timeframe
                        """)
                .bind("symbol", symbol).bind("days", days.toArray(String[]::new))
                .bind("timeframes", timeframes.toArray(String[]::new)).bind("firsts", firsts.toArray(String[]::new))
                .bind("lasts", lasts.toArray(String[]::new)).bind("steps", steps.toArray(String[]::new))
                .map(row -> Map.entry(new SeriesDay(row.get("day", LocalDate.class),
                        Timeframe.fromCode(row.get("timeframe", String.class))), Rows.count(row, "stored")))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Its latest requests, newest first. */
    Flux<FetchLog> recentFetches(String symbol, int limit) {
        return db.sql("""
                        SELECT source, timeframe, records_fetched, records_inserted, response_time_ms, success,
                               http_status, error, requested_at
                        FROM provider_requests WHERE symbol = :symbol
                        ORDER BY requested_at DESC LIMIT :limit
                        """)
                .bind("symbol", symbol).bind("limit", limit)
                .map(row -> new FetchLog(row.get("source", String.class), row.get("timeframe", String.class),
                        Rows.count(row, "records_fetched"), row.get("records_inserted", Long.class),
                        Rows.count(row, "response_time_ms"),
                        Boolean.TRUE.equals(row.get("success", Boolean.class)), row.get("http_status", Integer.class),
                        row.get("error", String.class), Rows.instant(row, "requested_at")))
                .all();
    }
}
