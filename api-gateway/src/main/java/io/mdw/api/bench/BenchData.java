package io.mdw.api.bench;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.mdw.calendar.NyseCalendar;
import io.mdw.features.BarFeatures;
import io.mdw.features.FeatureColumns;
import io.mdw.market.Bar;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.OutsideWindow;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.SeriesPipeline;
import io.mdw.quality.ValidationThresholds;
import org.postgresql.PGConnection;

/**
 * Daily bars of made-up stocks on NYSE trading days: a random walk per symbol (seeded, so every run loads the same
 * prices), scored and enriched by the real pipeline, and copied into bars and bar_features with COPY.
 */
final class BenchData {

    static final String SOURCE = "bench";

    private final List<String> symbols;
    private final LocalDate firstDay;
    private final LocalDate lastDay;

    private BenchData(List<String> symbols, LocalDate firstDay, LocalDate lastDay) {
        this.symbols = symbols;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
    }

    /** {@code symbolCount} tickers over the {@code days} calendar days up to yesterday (New York). */
    static BenchData of(int symbolCount, int days) {
        LocalDate lastDay = LocalDate.now(NyseCalendar.NEW_YORK).minusDays(1);
        return new BenchData(tickers(symbolCount), lastDay.minusDays(days - 1L), lastDay);
    }

    List<String> symbols() {
        return symbols;
    }

    LocalDate firstDay() {
        return firstDay;
    }

    LocalDate lastDay() {
        return lastDay;
    }

    /** Loads the bars and their features; returns how many bars were stored. */
    long load(Connection connection) throws SQLException, IOException {
        Instant from = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        NyseCalendar calendar = new NyseCalendar();
        List<Instant> sessions = calendar.expectedBarTimes(Timeframe.ONE_DAY, from, to);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no NYSE trading day between " + firstDay + " and " + lastDay
                    + "; give more --days");
        }
        StringBuilder symbolRows = new StringBuilder();
        StringBuilder barRows = new StringBuilder();
        StringBuilder featureRows = new StringBuilder();
        long stored = 0;
        for (int i = 0; i < symbols.size(); i++) {
            String symbol = symbols.get(i);
            symbolRows.append(symbol).append("\tstock\t").append(symbol).append('\t').append(firstDay).append('\n');
            SeriesPipeline pipeline = new SeriesPipeline(Timeframe.ONE_DAY, calendar, ValidationThresholds.DEFAULTS,
                    from, to, OutsideWindow.REJECTED, List.of(), null);
            for (RawBar raw : randomWalk(new Random(i), sessions)) {
                ProcessedItem item = pipeline.process(raw);
                if (item instanceof Accepted accepted) {
                    appendBar(barRows, symbol, accepted);
                    appendFeatures(featureRows, symbol, accepted.bar().time(), accepted.features());
                    stored++;
                }
            }
        }
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY symbols (symbol, asset_class, provider_ticker, history_start) FROM STDIN",
                new StringReader(symbolRows.toString()));
        copy.copyIn("COPY bars (symbol, timeframe, time, open, high, low, close, volume, vwap, trade_count, "
                + "quality_score, validated, flags, missing_bars, source) FROM STDIN", new StringReader(barRows.toString()));
        copy.copyIn("COPY bar_features (symbol, timeframe, time, " + String.join(", ", FeatureColumns.STORED) + ") FROM STDIN",
                new StringReader(featureRows.toString()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE symbols, bars, bar_features");
        }
        return stored;
    }

    /** Distinct three- and four-letter tickers, the same ones on every run. */
    private static List<String> tickers(int count) {
        Random random = new Random(42);
        Set<String> tickers = new LinkedHashSet<>();
        while (tickers.size() < count) {
            int length = 3 + random.nextInt(2);
            StringBuilder ticker = new StringBuilder();
            for (int i = 0; i < length; i++) {
                ticker.append((char) ('A' + random.nextInt(26)));
            }
            tickers.add(ticker.toString());
        }
        return List.copyOf(tickers);
    }

    /** Close-to-close moves of about 2% a day, opens near the previous close, a range around them, volume near 1M. */
    private static List<RawBar> randomWalk(Random random, List<Instant> sessions) {
        List<RawBar> bars = new ArrayList<>(sessions.size());
        double close = 20 + random.nextDouble() * 480;
        for (Instant session : sessions) {
            BigDecimal open = price(close * (1 + random.nextGaussian() * 0.005));
            close = close * Math.exp(random.nextGaussian() * 0.02);
            BigDecimal closing = price(close);
            BigDecimal high = price(open.max(closing).doubleValue() * (1 + Math.abs(random.nextGaussian()) * 0.01));
            BigDecimal low = price(open.min(closing).doubleValue() * (1 - Math.abs(random.nextGaussian()) * 0.01));
            long volume = Math.round(1_000_000 * Math.exp(random.nextGaussian() * 0.3));
            BigDecimal vwap = open.add(high).add(low).add(closing).divide(BigDecimal.valueOf(4), 4, RoundingMode.HALF_UP);
            bars.add(new RawBar(String.valueOf(session.toEpochMilli()), open.toPlainString(), high.toPlainString(),
                    low.toPlainString(), closing.toPlainString(), String.valueOf(volume), vwap.toPlainString(),
                    String.valueOf(volume / 150)));
        }
        return bars;
    }

    private static BigDecimal price(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static void appendBar(StringBuilder rows, String symbol, Accepted item) {
        Bar bar = item.bar();
        rows.append(symbol).append("\t1d\t").append(bar.time())
                .append('\t').append(bar.open().toPlainString()).append('\t').append(bar.high().toPlainString())
                .append('\t').append(bar.low().toPlainString()).append('\t').append(bar.close().toPlainString())
                .append('\t').append(bar.volume().toPlainString()).append('\t').append(bar.vwap().toPlainString())
                .append('\t').append(bar.tradeCount())
                .append('\t').append(item.assessment().qualityScore().toPlainString())
                .append('\t').append(item.assessment().validated())
                .append("\t{").append(String.join(",", item.assessment().flagCodes())).append('}')
                .append('\t').append(item.assessment().missingBars())
                .append('\t').append(SOURCE).append('\n');
    }

    private static void appendFeatures(StringBuilder rows, String symbol, Instant time, BarFeatures f) {
        rows.append(symbol).append("\t1d\t").append(time);
        for (Object value : FeatureColumns.values(f)) {
            rows.append('\t').append(value == null ? "\\N" : value);
        }
        rows.append('\n');
    }
}
