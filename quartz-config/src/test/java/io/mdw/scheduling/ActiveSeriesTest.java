package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.mdw.market.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The nightly load's view of the warehouse: active symbols × their timeframes, and how far each is stored. */
class ActiveSeriesTest {

    private final HikariDataSource dataSource = TestDatabases.freshWarehouse();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void everyActiveSymbolTimesItsTimeframesFromTheStoredBarsItsOverlapLoadsAgain() {
        symbol("AAPL", "stock", "{1d,1h}", "2020-01-01", true);
        symbol("ETHUSD", "crypto", "{5m}", null, true);
        symbol("GONE", "stock", "{1d}", "2020-01-01", false);
        bar("AAPL", "1h", "2024-05-01T19:00:00Z");
        bar("AAPL", "1h", "2024-05-01T20:00:00Z");
        // the trading days before Monday 2024-04-29: three bars back is Wednesday, not Friday
        for (String day : List.of("2024-04-23", "2024-04-24", "2024-04-25", "2024-04-26", "2024-04-29")) {
            bar("AAPL", "1d", day + "T04:00:00Z");
        }
        bar("GONE", "1d", "2024-04-30T04:00:00Z");
        NightlyWindows windows = new NightlyWindows(3, Duration.ofDays(7));

        List<TrackedSeries> series = new ActiveSeries(jdbc, windows.reloadedBars()).all();

        assertThat(series).containsExactly(
                new TrackedSeries("AAPL", Timeframe.ONE_DAY, Instant.parse("2024-04-24T04:00:00Z"), LocalDate.parse("2020-01-01")),
                new TrackedSeries("AAPL", Timeframe.ONE_HOUR, Instant.parse("2024-05-01T19:00:00Z"), LocalDate.parse("2020-01-01")),
                new TrackedSeries("ETHUSD", Timeframe.FIVE_MINUTES, null, null));

        Instant now = Instant.parse("2024-05-02T02:00:00Z");
        assertThat(windows.requests(series, now, now))
                .extracting(LoadRequest::requestId, LoadRequest::from)
                .containsExactly(
                        tuple("nightly-2024-05-02T020000Z-AAPL-1d", Instant.parse("2024-04-24T04:00:00Z")),
                        tuple("nightly-2024-05-02T020000Z-AAPL-1h", Instant.parse("2024-05-01T19:00:00Z")),
                        tuple("nightly-2024-05-02T020000Z-ETHUSD-5m", Instant.parse("2024-04-25T02:00:00Z")));
    }

    @Test
    void anUnknownTimeframeCodeIsSkippedNotFatal() {
        symbol("AAPL", "stock", "{1d,2d}", null, true);

        assertThat(new ActiveSeries(jdbc, 4).all()).extracting(TrackedSeries::timeframe).containsExactly(Timeframe.ONE_DAY);
    }

    private void symbol(String symbol, String assetClass, String timeframes, String historyStart, boolean active) {
        jdbc.sql("""
                insert into symbols (symbol, asset_class, provider_ticker, timeframes, history_start, active)
                values (?, ?, ?, ?::text[], ?::date, ?)""")
                .params(symbol, assetClass, symbol, timeframes, historyStart, active)
                .update();
    }

    private void bar(String symbol, String timeframe, String time) {
        jdbc.sql("""
                insert into bars (symbol, timeframe, time, open, high, low, close, volume, quality_score, validated, source)
                values (?, ?, ?::timestamptz, 1, 1, 1, 1, 1, 1, true, 'test')""")
                .params(symbol, timeframe, time)
                .update();
    }
}
