package io.mdw.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;

import io.mdw.calendar.ExpectedBars.Run;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;

class ExpectedBarsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aPastStockDayExpectsTheRegularSessionsHoursOnly() {
        // Tuesday 2024-03-12, New York on daylight time: the session's hours are 09:00–15:00, 13:00–19:00 UTC
        ExpectedBars day = ExpectedBars.endedBy(Instant.parse("2024-03-20T00:00:00Z"), new NyseCalendar(),
                Timeframe.ONE_HOUR, Instant.parse("2024-03-12T00:00:00Z"), Instant.parse("2024-03-13T00:00:00Z"));

        assertThat(day.runs()).containsExactly(
                new Run(Instant.parse("2024-03-12T13:00:00Z"), Instant.parse("2024-03-12T19:00:00Z"), HOUR));
        assertThat(day.count()).isEqualTo(7);
    }

    @Test
    void theCurrentDayExpectsTheBarsEndedSoFar() {
        Instant day = Instant.parse("2024-03-12T00:00:00Z");
        Instant nextDay = day.plus(Duration.ofDays(1));
        TradingCalendar crypto = ContinuousCalendar.crypto();

        // 18:41: the bars of 00:00 to 17:00 have ended, the one of 18:00 is still forming
        ExpectedBars at1841 = ExpectedBars.endedBy(Instant.parse("2024-03-12T18:41:00Z"), crypto, Timeframe.ONE_HOUR,
                day, nextDay);
        assertThat(at1841.runs()).containsExactly(new Run(day, Instant.parse("2024-03-12T17:00:00Z"), HOUR));
        assertThat(at1841.count()).isEqualTo(18);
        assertThat(ExpectedBars.endedBy(Instant.parse("2024-03-12T18:00:00Z"), crypto, Timeframe.ONE_HOUR, day,
                nextDay).count()).as("the 17:00 bar ends at 18:00").isEqualTo(18);
        assertThat(ExpectedBars.endedBy(Instant.parse("2024-03-12T00:59:59Z"), crypto, Timeframe.ONE_HOUR, day,
                nextDay).runs()).isEmpty();
        assertThat(ExpectedBars.endedBy(Instant.parse("2024-03-12T23:00:00Z"), crypto, Timeframe.ONE_DAY, day,
                nextDay).count()).as("the day's bar ends at midnight").isZero();
        assertThat(ExpectedBars.endedBy(nextDay, crypto, Timeframe.ONE_DAY, day, nextDay).count()).isEqualTo(1);
    }

    @Test
    void eachSessionIsARun() {
        // Friday to Tuesday: Friday's session, then Monday's and Tuesday's
        ExpectedBars days = ExpectedBars.endedBy(Instant.parse("2024-03-20T00:00:00Z"), new NyseCalendar(),
                Timeframe.FOUR_HOURS, Instant.parse("2024-03-08T00:00:00Z"), Instant.parse("2024-03-13T00:00:00Z"));

        assertThat(days.runs()).extracting(Run::first, Run::count).containsExactly(
                tuple(Instant.parse("2024-03-08T13:00:00Z"), 2L),
                tuple(Instant.parse("2024-03-11T12:00:00Z"), 2L),
                tuple(Instant.parse("2024-03-12T12:00:00Z"), 2L));
        assertThat(days.count()).isEqualTo(6);
    }
}
