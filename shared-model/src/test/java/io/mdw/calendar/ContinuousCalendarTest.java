package io.mdw.calendar;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContinuousCalendarTest {

    private static final Instant SUNDAY = Instant.parse("2023-03-12T00:00:00Z");
    private static final Instant NEXT_SUNDAY = Instant.parse("2023-03-19T00:00:00Z");

    private final TradingCalendar crypto = TradingCalendar.forAssetClass(AssetClass.CRYPTO, Set.of());

    @Test
    void cryptoExpectsEveryBucketAlignedToUtc() {
        assertThat(crypto.countExpectedBars(Timeframe.FIVE_MINUTES, SUNDAY, SUNDAY.plusSeconds(86_400))).isEqualTo(288);
        assertThat(crypto.countExpectedBars(Timeframe.ONE_HOUR, SUNDAY, NEXT_SUNDAY)).isEqualTo(168);
        assertThat(crypto.countExpectedBars(Timeframe.FOUR_HOURS, SUNDAY, NEXT_SUNDAY)).isEqualTo(42);
        assertThat(crypto.countExpectedBars(Timeframe.ONE_DAY, SUNDAY, NEXT_SUNDAY)).isEqualTo(7);
        assertThat(crypto.expectedBarTimes(Timeframe.FIVE_MINUTES,
                Instant.parse("2023-03-13T18:00:00Z"), Instant.parse("2023-03-13T18:12:00Z")))
                .containsExactly(Instant.parse("2023-03-13T18:00:00Z"), Instant.parse("2023-03-13T18:05:00Z"),
                        Instant.parse("2023-03-13T18:10:00Z"));
        assertThat(crypto.countExpectedBars(Timeframe.ONE_MINUTE,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z")))
                .isEqualTo((365L * 3 + 366) * 1440);
    }

    @Test
    void cryptoWeeklyBarsStartSundayMidnightUtc() {
        assertThat(crypto.expectedBarTimes(Timeframe.ONE_WEEK, Instant.parse("2023-03-10T00:00:00Z"),
                Instant.parse("2023-03-27T00:00:00Z")))
                .containsExactly(SUNDAY, NEXT_SUNDAY, Instant.parse("2023-03-26T00:00:00Z"));
    }

    @Test
    void barsBehindCountsCompleteBarsAfterTheLastOne() {
        Instant lastBar = Instant.parse("2023-03-13T18:00:00Z");
        assertThat(crypto.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.parse("2023-03-13T18:20:00Z")))
                .isEqualTo(3);
        assertThat(crypto.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.parse("2023-03-13T18:09:59Z")))
                .isZero();
        assertThat(crypto.barsBehind(Timeframe.ONE_DAY, Instant.parse("2023-03-12T00:00:00Z"),
                Instant.parse("2023-03-14T00:00:00Z"))).isEqualTo(1);
    }

    @Test
    void aDayStartsAtUtcMidnight() {
        assertThat(crypto.startOfDay(LocalDate.parse("2023-03-13")))
                .isEqualTo(Instant.parse("2023-03-13T00:00:00Z"));
    }
}
