package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import io.mdw.calendar.SessionCalendar;
import io.mdw.market.AssetClass;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class CalendarSettingsTest {

    /** An ordinary Thursday, closed only when configured. */
    private static final LocalDate EXTRA_CLOSURE = LocalDate.parse("2025-03-13");
    /** The national day of mourning for President Carter, among the built-in closures. */
    private static final LocalDate BUILT_IN_CLOSURE = LocalDate.parse("2025-01-09");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    void configuredClosuresAreAddedToTheBuiltInOnes() {
        context.withPropertyValues("mdw.calendar.special-closures=2025-03-13").run(app -> {
            SessionCalendar nyse = stocks(app.getBean(CalendarSettings.class));
            assertThat(nyse.isTradingDay(EXTRA_CLOSURE)).isFalse();
            assertThat(nyse.isTradingDay(BUILT_IN_CLOSURE)).isFalse();
            assertThat(nyse.isTradingDay(EXTRA_CLOSURE.plusDays(1))).isTrue();
        });
    }

    @Test
    void anEmptySettingKeepsTheBuiltInClosuresOnly() {
        context.withPropertyValues("mdw.calendar.special-closures=").run(app -> {
            SessionCalendar nyse = stocks(app.getBean(CalendarSettings.class));
            assertThat(nyse.isTradingDay(EXTRA_CLOSURE)).isTrue();
            assertThat(nyse.isTradingDay(BUILT_IN_CLOSURE)).isFalse();
        });
    }

    private static SessionCalendar stocks(CalendarSettings settings) {
        return (SessionCalendar) settings.forAssetClass(AssetClass.STOCK);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CalendarSettings.class)
    static class Settings {
    }
}
