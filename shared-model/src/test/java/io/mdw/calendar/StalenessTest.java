package io.mdw.calendar;

import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StalenessTest {

    private static final Instant LAST_BAR = Instant.parse("2023-03-13T18:00:00Z");

    @Test
    void classifiesByCompleteBarsBehind() {
        TradingCalendar crypto = ContinuousCalendar.crypto();

        assertThat(Staleness.of(crypto, Timeframe.FIVE_MINUTES, LAST_BAR, Instant.parse("2023-03-13T18:09:59Z")))
                .isEqualTo(Staleness.FRESH);
        assertThat(Staleness.of(crypto, Timeframe.FIVE_MINUTES, LAST_BAR, Instant.parse("2023-03-13T18:10:00Z")))
                .isEqualTo(Staleness.AGING);
        assertThat(Staleness.of(crypto, Timeframe.FIVE_MINUTES, LAST_BAR, Instant.parse("2023-03-13T18:15:00Z")))
                .isEqualTo(Staleness.STALE);
        assertThat(Staleness.of(crypto, Timeframe.FIVE_MINUTES, null, LAST_BAR)).isEqualTo(Staleness.MISSING);
        assertThat(Staleness.STALE.code()).isEqualTo("stale");
    }

    @Test
    void aStockIsNotStaleOverTheWeekend() {
        Instant fridayLastHour = Instant.parse("2024-03-08T20:00:00Z");

        assertThat(Staleness.of(new NyseCalendar(), Timeframe.ONE_HOUR, fridayLastHour,
                Instant.parse("2024-03-10T18:00:00Z"))).isEqualTo(Staleness.FRESH);
    }
}
