package io.mdw.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Crypto: trading round the clock every day, its days and bars aligned on UTC. */
public final class ContinuousCalendar extends SessionCalendar {

    private static final ContinuousCalendar CRYPTO = new ContinuousCalendar();

    private ContinuousCalendar() {
        super(ZoneOffset.UTC);
    }

    public static ContinuousCalendar crypto() {
        return CRYPTO;
    }

    @Override
    public boolean isTradingDay(LocalDate day) {
        return true;
    }

    @Override
    protected Optional<TradingHours> tradingHours(LocalDate day) {
        return Optional.of(TradingHours.of(day, LocalTime.MIDNIGHT, Duration.ofDays(1), ZoneOffset.UTC));
    }
}
