package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mdw.api.database.RowValue;
import io.mdw.api.web.Rows;
import io.mdw.calendar.TradingCalendar;
import io.mdw.features.FeatureCalculator;
import io.mdw.features.FeatureColumns;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads bars as stored, or aggregated on the fly into a coarser timeframe than stored. */
@Repository
public class BarRepository {

    private static final String FEATURE_COLUMNS = FeatureColumns.PUBLISHED.stream()
            .map(c -> "f." + c).collect(Collectors.joining(", "));

    /*
     * Every read returns a bar as one row value (a RowValue: the driver's per-column cost is paid once a row, not
     * fourteen times), its fields in this order, as toBar reads them: time, open, high, low, close, volume, vwap,
     * trade_count, quality_score, validated, flags, missing_bars, source, bar_count (a stored bar has none). The
     * NUMERICs are read as PostgreSQL's exact decimal text (io.mdw.api.database.DecimalText). Features follow as
     * plain columns.
     */
    private static final String STORED_BAR_FIELDS = """
            b.time, b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trade_count, b.quality_score,
            b.validated, b.flags, b.missing_bars, b.source, NULL::int""";

    /*
     * Whether the symbol has bars of a finer timeframe than the one read in the buckets the range reads (from its
     * start to a bucket past its end): the same in every row, PostgreSQL looks once, an index probe per finer
     * timeframe. When it has, the read is of the whole series (SERIES below): the buckets no stored bar covers are
     * resampled from the finer bars, so that a wider range never shows fewer bars than a narrower one.
     */
    private static final String FINER_BARS_IN_BUCKETS = """
            (SELECT EXISTS (SELECT 1 FROM bars f
                            WHERE f.symbol = :symbol AND f.timeframe = ANY(CAST(:finer AS text[]))
                              AND f.time >= :from AND f.time > :after
                              AND f.time < CAST(:to AS timestamptz) + CAST(:step AS interval) + interval '1 hour'))""";

    private static final String STORED = """
            SELECT %s
            FROM bars b %s
            WHERE b.symbol = :symbol AND b.timeframe = :timeframe
              AND b.time >= :from AND b.time < :to AND b.time > :after AND b.time <= :through
              AND b.quality_score >= :minQuality
            ORDER BY b.time
            LIMIT :limit
            """;
    private static final String FEATURES_JOIN =
            "LEFT JOIN bar_features f ON f.symbol = b.symbol AND f.timeframe = b.timeframe AND f.time = b.time";

    /** A stored bar as one row value, its 15th field the flag. */
    private static final String STORED_BAR = "ROW(" + STORED_BAR_FIELDS + ", " + FINER_BARS_IN_BUCKETS + ") AS bar";

    /** The historical endpoint's read by default (stored bars, no features). */
    static final String STORED_BARS_SQL = STORED.formatted(STORED_BAR, "");
    private static final String STORED_BARS_WITH_FEATURES_SQL = STORED.formatted(STORED_BAR + ", " + FEATURE_COLUMNS,
            FEATURES_JOIN);

    /**
     * The same read with the fields as plain columns: `mdw bench api` runs it over JDBC as the direct-SQL baseline
     * (pgjdbc reads plain columns in binary, a row value only as text).
     */
    public static final String STORED_BARS_AS_COLUMNS_SQL = STORED.formatted(
            STORED_BAR_FIELDS + ", " + FINER_BARS_IN_BUCKETS, "");

    /*
     * A whole series in a timeframe: its stored bars, and each bucket of the timeframe that no stored bar covers
     * aggregated from the finer bars in it, each bar that a coarser stored one covers left to that one (a series
     * loaded in 5m for one month and in 1m for the next reads in 1h, 5m or 1d over both).
     * Buckets are aligned like the calendar of the symbol's asset class (stored, else what its ticker implies), on its
     * zone: stocks and ETFs on New York local time (a daily bucket is a New York day), crypto and forex on UTC. Buckets
     * of an hour or less are the same on both clocks, but for the hour New York repeats in the autumn: they are on UTC.
     * 2000-01-02 is a Sunday, so weekly buckets start at Sunday midnight, as Polygon's weekly bars and the calendar's
     * (io.mdw.calendar.SessionCalendar) do.
     * validated_only keeps or drops whole resampled bars by their own score (the lowest of their stored bars): a bar
     * never leaves out a stored bar of its bucket, so it is the same whatever the filter.
     * A bucket is in the range when its start is, and is always aggregated whole: a resampled bar is the same whatever
     * range asked for it (a date range is UTC days, a New York day starts at 04:00 or 05:00 UTC). Rows are read up to
     * one bucket past the end, plus an hour for a bucket lengthened by a daylight-saving change.
     */
    private static final String ZONE = """
            zone AS (
                SELECT CASE WHEN CAST(:step AS interval) <= interval '1 hour' THEN 'UTC' ELSE z.name END AS name
                FROM unnest(CAST(:assetClasses AS text[]), CAST(:zones AS text[])) AS z(asset_class, name)
                WHERE z.asset_class = coalesce((SELECT asset_class FROM symbols WHERE symbol = :symbol), :impliedClass)
            )""";

    /** The start of the bucket of {@code :step} that holds the time given, on the zone's clock. */
    private static String bucketOf(String time) {
        return "date_bin(CAST(:step AS interval), " + time + " AT TIME ZONE zone.name, TIMESTAMP '2000-01-02')"
                + " AT TIME ZONE zone.name";
    }

    private static final String SERIES = """
            WITH %s,
            finer AS (
                SELECT b.*, tf.seconds, bucket.time AS bucket,
                       min(tf.seconds) OVER same_bucket = max(tf.seconds) OVER same_bucket AS one_timeframe
                FROM bars b CROSS JOIN zone
                     JOIN unnest(CAST(:finer AS text[]), CAST(:finerSeconds AS int[])) AS tf(code, seconds)
                          ON tf.code = b.timeframe
                     CROSS JOIN LATERAL (SELECT %s AS time) AS bucket
                WHERE b.symbol = :symbol AND b.timeframe = ANY(CAST(:finer AS text[]))
                  AND b.time >= :from AND b.time < CAST(:to AS timestamptz) + CAST(:step AS interval) + interval '1 hour'
                  AND b.time > :after
                WINDOW same_bucket AS (PARTITION BY bucket.time)
            ),
            buckets AS (
                SELECT bucket AS time,
                       (array_agg(open ORDER BY time))[1] AS open,
                       max(high) AS high,
                       min(low) AS low,
                       (array_agg(close ORDER BY time DESC))[1] AS close,
                       sum(volume) AS volume,
                       CASE WHEN count(vwap) = count(*) AND sum(volume) > 0
                            THEN sum(vwap * volume) / sum(volume) END AS vwap,
                       CASE WHEN count(trade_count) = count(*) THEN sum(trade_count)::bigint END AS trade_count,
                       min(quality_score) AS quality_score,
                       bool_and(validated) AS validated,
                       string_to_array(string_agg(NULLIF(array_to_string(flags, ','), ''), ','), ',') AS flags,
                       sum(missing_bars)::int AS missing_bars,
                       min(source) AS source,
                       count(*)::int AS bar_count
                FROM finer
                -- in a bucket of bars of several timeframes, a bar a coarser stored bar covers is in that one already
                WHERE CASE WHEN one_timeframe THEN true
                           ELSE NOT EXISTS (SELECT 1
                                            FROM unnest(CAST(:finer AS text[]), CAST(:finerSeconds AS int[]))
                                                     AS coarser(code, seconds)
                                            JOIN bars c ON c.symbol = :symbol AND c.timeframe = coarser.code
                                            WHERE coarser.seconds > finer.seconds AND c.time <= finer.time
                                              AND c.time > finer.time - make_interval(secs => coarser.seconds)) END
                GROUP BY bucket
            ),
            series AS (
                SELECT %s %s
                FROM bars b %s
                WHERE b.symbol = :symbol AND b.timeframe = :timeframe AND b.time >= :from AND b.time < :to
                  AND b.time > :after
                UNION ALL
                SELECT time, open, high, low, close, volume, vwap, trade_count, quality_score, validated, flags,
                       missing_bars, source, bar_count %s
                FROM buckets
                WHERE time >= :from AND time < :to AND time > :after
                  AND NOT EXISTS (SELECT 1 FROM bars s WHERE s.symbol = :symbol AND s.timeframe = :timeframe
                                                         AND s.time = buckets.time)
            )
            SELECT ROW(time, open, high, low, close, volume, vwap, trade_count, quality_score, validated, flags,
                       missing_bars, source, bar_count) AS bar %s
            FROM series
            WHERE time <= :through AND quality_score >= :minQuality
            ORDER BY time LIMIT :limit
            """;
    private static final String SERIES_SQL = SERIES.formatted(ZONE, bucketOf("b.time"),
            STORED_BAR_FIELDS + " AS bar_count", "", "", "", "");
    /** Stored bars with their stored features; the resampled ones get theirs computed (see seriesWithFeatures). */
    private static final String SERIES_WITH_FEATURES_SQL = SERIES.formatted(ZONE, bucketOf("b.time"),
            STORED_BAR_FIELDS + " AS bar_count", ", " + FEATURE_COLUMNS, FEATURES_JOIN,
            ", " + FeatureColumns.PUBLISHED.stream().map(c -> "NULL AS " + c).collect(Collectors.joining(", ")),
            ", " + String.join(", ", FeatureColumns.PUBLISHED));

    /**
     * The start of the {@code :bars}-th bucket with bars (of the timeframe or finer ones) before {@code :first}, or of
     * the earliest when there are fewer: each step one index probe per timeframe for its last bar before the bucket
     * found, so that a hole of months in the series costs nothing and is crossed all the same.
     */
    private static final String WARM_UP_START = """
            WITH RECURSIVE %s,
            back(n, bucket) AS (
                SELECT 0, CAST(:first AS timestamptz)
                UNION ALL
                SELECT back.n + 1,
                       (SELECT %s FROM zone,
                               (SELECT max(latest.time) AS time
                                FROM unnest(CAST(:timeframes AS text[])) AS tf(code)
                                CROSS JOIN LATERAL (SELECT max(b.time) AS time FROM bars b
                                                    WHERE b.symbol = :symbol AND b.timeframe = tf.code
                                                      AND b.time < back.bucket) AS latest) AS last)
                FROM back
                WHERE back.n < :bars AND back.bucket IS NOT NULL
            )
            SELECT min(bucket) AS start FROM back
            """.formatted(ZONE, bucketOf("last.time"));

    /** Each asset class and the zone its calendar aligns days on, for the resampling to pick the symbol's from. */
    private static final String[] ASSET_CLASSES = Arrays.stream(AssetClass.values()).map(AssetClass::code)
            .toArray(String[]::new);
    private static final String[] ZONES = Arrays.stream(AssetClass.values())
            .map(assetClass -> TradingCalendar.forAssetClass(assetClass, Set.of()).zone().getId())
            .toArray(String[]::new);

    /** What the reads bind to {@code :after} and {@code :through} when a query has no such bound. */
    public static final Instant BEFORE_ALL = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant AFTER_ALL = Instant.parse("9999-12-31T23:59:59Z");
    /** (1 - 2/27)^300 and (13/14)^300 are below 1e-9: enough for EMA 26 and Wilder's averages to forget their seed. */
    private static final int WARM_UP_BARS = 300;

    /*
     * What the reads bind for a timeframe, worked out once: every read binds its finer timeframes, the stored one
     * on the hot path included.
     */
    private static final Map<Timeframe, String> STEPS = byTimeframe(t -> t.duration().toSeconds() + " seconds");
    private static final Map<Timeframe, String[]> FINER_CODES = byTimeframe(t -> finerThan(t).stream()
            .map(Timeframe::code).toArray(String[]::new));
    private static final Map<Timeframe, Integer[]> FINER_SECONDS = byTimeframe(t -> finerThan(t).stream()
            .map(finer -> (int) finer.duration().toSeconds()).toArray(Integer[]::new));

    private final DatabaseClient db;

    BarRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The bars of the series: as stored, unless the symbol also has bars of a finer timeframe in the range's buckets
     * (or none stored in this one), when the buckets no stored bar covers are resampled from them.
     */
    Flux<Bar> series(BarQuery query, boolean labelSymbol) {
        return stored(query, labelSymbol).switchOnFirst((first, rows) -> {
            boolean asStored = first.isOnError() || first.hasValue() && !first.get().finerInBuckets();
            // the stored read is cancelled before the whole series is read (the driver drains the rows it had sent,
            // then its connection goes back to the pool): a series stored in one timeframe pays nothing for this
            return asStored ? rows.map(StoredRow::bar)
                    : rows.take(0).thenMany(Flux.defer(() -> wholeSeries(query, labelSymbol)));
        });
    }

    /** A stored bar, and whether the symbol has bars of a finer timeframe in the buckets the range reads. */
    private record StoredRow(Bar bar, boolean finerInBuckets) {
    }

    /** Whether the symbol is known: tracked (in symbols, active or not) or with bars stored. */
    public Mono<Boolean> isKnown(String symbol) {
        return unknown(List.of(symbol)).hasElements().map(unknown -> !unknown);
    }

    /** The symbols of the list that are not known (see {@link #isKnown}): this query is the one definition of it. */
    Flux<String> unknown(List<String> symbols) {
        return db.sql("""
                        SELECT s FROM unnest(CAST(:symbols AS text[])) AS s
                        WHERE NOT EXISTS (SELECT 1 FROM symbols WHERE symbol = s)
                          AND NOT EXISTS (SELECT 1 FROM bars WHERE symbol = s)
                        """)
                .bind("symbols", symbols.toArray(String[]::new))
                .map(row -> row.get("s", String.class))
                .all();
    }

    private Flux<StoredRow> stored(BarQuery query, boolean labelSymbol) {
        String sql = query.includeFeatures() ? STORED_BARS_WITH_FEATURES_SQL : STORED_BARS_SQL;
        return bindFiner(bindRange(db.sql(sql), query, query.timeframe()), query.timeframe())
                .bind("step", STEPS.get(query.timeframe()))
                .map(row -> new StoredRow(toBar(row, labelSymbol ? query.symbol() : null,
                        query.includeFeatures() ? BarFeatures.from(row) : null),
                        Boolean.TRUE.equals(row.get(0, RowValue.class).get(14, Boolean.class))))
                .all();
    }

    private Flux<Bar> wholeSeries(BarQuery query, boolean labelSymbol) {
        if (query.includeFeatures()) {
            return seriesWithFeatures(query, labelSymbol);
        }
        return bindSeries(db.sql(SERIES_SQL), query).map(row -> toBar(row, labelSymbol ? query.symbol() : null, null))
                .all();
    }

    /**
     * Features of resampled bars do not exist in the warehouse: they are computed here with the pipeline's own
     * calculator, over the range and the {@link #WARM_UP_BARS} bars before it, however far back they lie, so that the
     * windows are full and the recursive indicators (EMA, Wilder) have converged to the full-history values (to within
     * 1e-9 of them: a bar's features are the same to that whatever range asks for it). Every page of a listing starts
     * from the same warm-up, before the range, so that its pages join up to the unpaged answer exactly. A stored bar
     * keeps its stored features. They are computed over every bar, whatever its score, so that the quality filter
     * leaves out bars without changing the others.
     */
    private Flux<Bar> seriesWithFeatures(BarQuery query, boolean labelSymbol) {
        Mono<Instant> warmFrom = bindBuckets(db.sql(WARM_UP_START), query)
                .bind("symbol", query.symbol())
                .bind("timeframes", Stream.concat(Stream.of(query.timeframe().code()),
                        Arrays.stream(FINER_CODES.get(query.timeframe()))).toArray(String[]::new))
                .bind("first", utc(query.from())).bind("bars", WARM_UP_BARS)
                .map(row -> Rows.instant(row, "start"))
                .one();
        return warmFrom.flatMapMany(start -> {
            BarQuery widened = new BarQuery(query.symbol(), query.timeframe(), start, query.toExclusive(), null,
                    query.through(), null, true, null);
            FeatureCalculator calculator = new FeatureCalculator();
            Flux<Bar> bars = bindSeries(db.sql(SERIES_WITH_FEATURES_SQL), widened)
                    .map(row -> {
                        Bar bar = toBar(row, labelSymbol ? query.symbol() : null, BarFeatures.from(row));
                        // the windows go through every bar; a bar with an undefined value has no features
                        io.mdw.features.BarFeatures computed =
                                bar.hasEveryValue() ? calculator.next(bar.toModel()) : null;
                        return bar.barCount() == null ? bar
                                : bar.withFeatures(computed == null ? BarFeatures.NONE : BarFeatures.of(computed));
                    })
                    .all()
                    .filter(bar -> !bar.time().isBefore(query.from())
                            && (query.after() == null || bar.time().isAfter(query.after()))
                            && (query.minQuality() == null
                                || new BigDecimal(bar.qualityScore()).compareTo(query.minQuality()) >= 0));
            return query.limit() == null ? bars : bars.take(query.limit());
        });
    }

    /** The timeframes with bars of any of these symbols in the range, whatever their quality, finest first. */
    Flux<Timeframe> storedTimeframes(List<String> symbols, Instant from, Instant toExclusive) {
        return withBars(symbols, Arrays.asList(Timeframe.values()), from, BEFORE_ALL, toExclusive);
    }

    private static <T> Map<Timeframe, T> byTimeframe(Function<Timeframe, T> value) {
        Map<Timeframe, T> values = new EnumMap<>(Timeframe.class);
        for (Timeframe timeframe : Timeframe.values()) {
            values.put(timeframe, value.apply(timeframe));
        }
        return values;
    }

    /**
     * What the reads bind as {@code :finer} and {@code :step} for a timeframe: the codes of the timeframes finer than it,
     * and its length (`mdw bench api` binds them too, for the direct-SQL baseline).
     */
    public static String[] finerCodes(Timeframe timeframe) {
        return FINER_CODES.get(timeframe).clone();
    }

    public static String step(Timeframe timeframe) {
        return STEPS.get(timeframe);
    }

    /** The timeframes a bar of this one can be aggregated from, coarsest first. */
    private static List<Timeframe> finerThan(Timeframe timeframe) {
        return Arrays.stream(Timeframe.values())
                .filter(timeframe::aggregatesFrom)
                .sorted(Comparator.comparing(Timeframe::duration).reversed())
                .toList();
    }

    private static GenericExecuteSpec bindFiner(GenericExecuteSpec spec, Timeframe timeframe) {
        return spec.bind("finer", FINER_CODES.get(timeframe));
    }

    /**
     * Those of the candidate timeframes (in their order) with bars of any of these symbols in [from, to) after
     * {@code after}: one indexed look per timeframe, not a scan of the range.
     */
    private Flux<Timeframe> withBars(List<String> symbols, List<Timeframe> candidates, Instant from, Instant after,
                                     Instant toExclusive) {
        return Flux.fromIterable(candidates)
                .concatMap(timeframe -> db.sql("""
                                SELECT EXISTS (SELECT 1 FROM bars WHERE symbol = ANY(CAST(:symbols AS text[]))
                                               AND timeframe = :timeframe AND time >= :from AND time < :to
                                               AND time > :after) AS present
                                """)
                        .bind("symbols", symbols.toArray(String[]::new))
                        .bind("timeframe", timeframe.code())
                        .bind("from", utc(from))
                        .bind("to", utc(toExclusive))
                        .bind("after", utc(after))
                        .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                        .one()
                        .filter(Boolean::booleanValue)
                        .map(present -> timeframe), 1);
    }

    /** What the resampling binds to align the buckets: their length and the symbol's zone. */
    private static GenericExecuteSpec bindBuckets(GenericExecuteSpec spec, BarQuery query) {
        return spec.bind("step", STEPS.get(query.timeframe()))
                .bind("assetClasses", ASSET_CLASSES).bind("zones", ZONES)
                .bind("impliedClass", AssetClass.ofTicker(query.symbol()).code());
    }

    private static GenericExecuteSpec bindSeries(GenericExecuteSpec spec, BarQuery query) {
        return bindFiner(bindBuckets(bindRange(spec, query, query.timeframe()), query), query.timeframe())
                .bind("finerSeconds", FINER_SECONDS.get(query.timeframe()));
    }

    private static GenericExecuteSpec bindRange(GenericExecuteSpec spec, BarQuery query, Timeframe timeframe) {
        spec = spec.bind("symbol", query.symbol())
                .bind("timeframe", timeframe.code())
                .bind("from", utc(query.from()))
                .bind("to", utc(query.toExclusive()))
                .bind("after", utc(after(query)))
                .bind("through", utc(query.through() == null ? AFTER_ALL : query.through()))
                .bind("minQuality", query.minQuality() == null ? BigDecimal.ZERO : query.minQuality());
        return query.limit() == null ? spec.bindNull("limit", Long.class) : spec.bind("limit", (long) query.limit());
    }

    private static Instant after(BarQuery query) {
        return query.after() == null ? BEFORE_ALL : query.after();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Bar toBar(Readable columns, String symbol, BarFeatures features) {
        RowValue row = columns.get(0, RowValue.class);
        String[] flags = row.get(10, String[].class);
        List<String> flagList = flags == null || flags.length == 0 ? List.of() : Arrays.stream(flags).distinct().toList();
        Integer missing = row.get(11, Integer.class);
        return Bar.of(symbol,
                row.get(0, Instant.class),
                row.get(1, String.class),
                row.get(2, String.class),
                row.get(3, String.class),
                row.get(4, String.class),
                row.get(5, String.class),
                row.get(6, String.class),
                row.get(7, Long.class),
                row.get(8, String.class),
                Boolean.TRUE.equals(row.get(9, Boolean.class)),
                flagList,
                missing == null ? 0 : missing,
                row.get(12, String.class),
                row.get(13, Integer.class),
                features);
    }
}
