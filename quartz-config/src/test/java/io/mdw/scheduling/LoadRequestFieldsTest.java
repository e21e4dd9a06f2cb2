package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of a load request: jobs already in the Quartz and Spring Batch tables must keep reading. */
class LoadRequestFieldsTest {

    private static final LoadRequest REQUEST = new LoadRequest("r1", List.of("AAPL", "X:BTCUSD"),
            List.of(Timeframe.ONE_DAY, Timeframe.ONE_HOUR), Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-02-01T00:00:00Z"), "file:data/aapl.csv");

    @Test
    void aRequestIsStoredAsTheseNamedStrings() {
        assertThat(LoadRequestFields.encode(REQUEST)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "requestId", "r1", "symbols", "AAPL,X:BTCUSD", "timeframes", "1d,1h",
                "from", "2024-01-01T00:00:00Z", "to", "2024-02-01T00:00:00Z", "source", "file:data/aapl.csv"));
    }

    @Test
    void aStoredRequestReadsBackAsItWas() {
        Map<String, String> stored = Map.of("requestId", "r1", "symbols", "AAPL,X:BTCUSD", "timeframes", "1d,1h",
                "from", "2024-01-01T00:00:00Z", "to", "2024-02-01T00:00:00Z", "source", "file:data/aapl.csv");

        assertThat(LoadRequestFields.decode(stored::get)).isEqualTo(REQUEST);
    }

    @Test
    void aRequestLoadsEachSeriesOnceWhateverItRepeats() {
        LoadRequest repeated = new LoadRequest("r3", List.of("AAPL", "X:BTCUSD", "AAPL"),
                List.of(Timeframe.ONE_DAY, Timeframe.ONE_DAY, Timeframe.ONE_HOUR), REQUEST.from(), REQUEST.to(),
                LoadRequest.POLYGON);

        assertThat(repeated.symbols()).containsExactly("AAPL", "X:BTCUSD");
        assertThat(repeated.timeframes()).containsExactly(Timeframe.ONE_DAY, Timeframe.ONE_HOUR);
        assertThat(repeated.seriesCount()).isEqualTo(4);
    }

    @Test
    void anAbsentListHasNoItemsAndASymbolCannotHoldTheSeparator() {
        assertThat(LoadRequestFields.decodeList(null)).isEmpty();
        assertThat(LoadRequestFields.decodeList("1d")).containsExactly("1d");
        assertThatThrownBy(() -> new LoadRequest("r2", List.of("A,B"), List.of(Timeframe.ONE_DAY), REQUEST.from(),
                REQUEST.to(), LoadRequest.POLYGON)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSymbolIsATickerSoThatItStaysOneSegmentOfTheProvidersUrl() {
        for (String notATicker : List.of("A/..", "A/B", ".A", "aapl", "")) {
            assertThatThrownBy(() -> new LoadRequest("r3", List.of(notATicker), List.of(Timeframe.ONE_DAY),
                    REQUEST.from(), REQUEST.to(), LoadRequest.POLYGON))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected a ticker such as AAPL, BRK.B or X:BTCUSD");
        }
    }
}
