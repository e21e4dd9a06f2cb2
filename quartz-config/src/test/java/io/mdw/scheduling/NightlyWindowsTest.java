package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.market.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NightlyWindowsTest {

    private static final Instant NOW = Instant.parse("2024-05-02T02:00:00Z");

    private final NightlyWindows windows = new NightlyWindows(3, Duration.ofDays(30));

    @Test
    void loadsFromTheStoredBarTheOverlapReachesBackTo() {
        var series = new TrackedSeries("AAPL", Timeframe.ONE_HOUR, Instant.parse("2024-05-01T17:00:00Z"),
                LocalDate.parse("2020-01-01"));

        List<LoadRequest> requests = windows.requests(List.of(series), NOW, NOW);

        assertThat(windows.reloadedBars()).isEqualTo(4);
        assertThat(requests).containsExactly(new LoadRequest("nightly-2024-05-02T020000Z-AAPL-1h", List.of("AAPL"),
                List.of(Timeframe.ONE_HOUR), Instant.parse("2024-05-01T17:00:00Z"), NOW, "polygon"));
    }

    @Test
    void eachFireOfTheScheduleHasItsOwnRequestIdsAndARecoveredFireKeepsThem() {
        var series = new TrackedSeries("AAPL", Timeframe.ONE_HOUR, Instant.parse("2024-05-01T20:00:00Z"), null);
        Instant nextHour = NOW.plus(Duration.ofHours(1));

        assertThat(windows.requests(List.of(series), nextHour, nextHour)).extracting(LoadRequest::requestId)
                .containsExactly("nightly-2024-05-02T030000Z-AAPL-1h");
        assertThat(windows.requests(List.of(series), nextHour.plusSeconds(40), NOW)).extracting(LoadRequest::requestId)
                .containsExactly("nightly-2024-05-02T020000Z-AAPL-1h");
    }

    @Test
    void aSymbolWithNoDataYetLoadsFromItsHistoryStart() {
        var series = new TrackedSeries("MSFT", Timeframe.ONE_DAY, null, LocalDate.parse("2020-01-01"));

        assertThat(windows.requests(List.of(series), NOW, NOW))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.requestId()).isEqualTo("nightly-2024-05-02T020000Z-MSFT-1d");
                    assertThat(request.from()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
                    assertThat(request.to()).isEqualTo(NOW);
                });
    }

    @Test
    void aSymbolWithNoDataAndNoHistoryStartLoadsTheDefaultLookback() {
        var series = new TrackedSeries("X:ETHUSD", Timeframe.FIVE_MINUTES, null, null);

        assertThat(windows.requests(List.of(series), NOW, NOW))
                .singleElement()
                .satisfies(request -> assertThat(request.from()).isEqualTo(Instant.parse("2024-04-02T02:00:00Z")));
    }

    @Test
    void oneRequestPerSeriesAndNoneForAHistoryStartInTheFuture() {
        var daily = new TrackedSeries("SPY", Timeframe.ONE_DAY, Instant.parse("2024-05-01T04:00:00Z"), null);
        var hourly = new TrackedSeries("SPY", Timeframe.ONE_HOUR, null, null);
        var notYet = new TrackedSeries("NEW", Timeframe.ONE_DAY, null, LocalDate.parse("2030-01-01"));

        assertThat(windows.requests(List.of(daily, hourly, notYet), NOW, NOW))
                .extracting(LoadRequest::requestId)
                .containsExactly("nightly-2024-05-02T020000Z-SPY-1d", "nightly-2024-05-02T020000Z-SPY-1h");
    }

    @Test
    void aTrackedSymbolThatIsNotATickerIsLeftOutAndTheOthersStillLoad() {
        var pathLike = new TrackedSeries("A/..", Timeframe.ONE_DAY, null, null);
        var spy = new TrackedSeries("SPY", Timeframe.ONE_DAY, null, null);

        assertThat(windows.requests(List.of(pathLike, spy), NOW, NOW))
                .extracting(LoadRequest::requestId)
                .containsExactly("nightly-2024-05-02T020000Z-SPY-1d");
    }
}
