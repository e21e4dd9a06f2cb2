package io.mdw.health;

import static io.mdw.market.Timeframe.FIVE_MINUTES;
import static io.mdw.market.Timeframe.ONE_DAY;
import static io.mdw.market.Timeframe.ONE_HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Set;

import io.mdw.calendar.Staleness;
import org.junit.jupiter.api.Test;

class SymbolLagTest {

    @Test
    void aFreshDailySeriesDoesNotHideAStaleHourlyOne() {
        SymbolLag lag = SymbolLag.worstOf(List.of(new SeriesLag(ONE_DAY, 0), new SeriesLag(ONE_HOUR, 10)),
                Set.of(ONE_DAY, ONE_HOUR));

        assertThat(lag.barsBehind()).isEqualTo(10);
        assertThat(lag.staleness()).isEqualTo(Staleness.STALE);
    }

    @Test
    void aTrackedSymbolIsJudgedOnItsTrackedTimeframesOnly() {
        // a week of 5m bars imported from a file once, never refreshed
        SymbolLag lag = SymbolLag.worstOf(List.of(new SeriesLag(ONE_DAY, 0), new SeriesLag(FIVE_MINUTES, 2016)),
                Set.of(ONE_DAY));

        assertThat(lag.barsBehind()).isZero();
        assertThat(lag.staleness()).isEqualTo(Staleness.FRESH);
    }

    @Test
    void aTrackedTimeframeWithoutAnyBarMakesTheSymbolMissing() {
        SymbolLag lag = SymbolLag.worstOf(List.of(new SeriesLag(ONE_DAY, 0)), Set.of(ONE_DAY, ONE_HOUR));

        assertThat(lag.barsBehind()).isNull();
        assertThat(lag.staleness()).isEqualTo(Staleness.MISSING);
    }

    @Test
    void anUntrackedSymbolIsJudgedOnEverySeriesItHolds() {
        SymbolLag lag = SymbolLag.worstOf(List.of(new SeriesLag(ONE_DAY, 1), new SeriesLag(FIVE_MINUTES, 3)), Set.of());

        assertThat(lag.barsBehind()).isEqualTo(3);
        assertThat(lag.staleness()).isEqualTo(Staleness.STALE);
    }

    @Test
    void aSymbolHoldingNothingIsMissing() {
        assertThat(SymbolLag.worstOf(List.of(), Set.of()).staleness()).isEqualTo(Staleness.MISSING);
    }

    @Test
    void lagsAreNeverNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SeriesLag(ONE_DAY, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new SymbolLag(-1L));
    }
}
