package io.mdw.batch.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.mdw.calendar.Staleness;
import io.mdw.calendar.TradingCalendar;
import io.mdw.scheduling.CalendarSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * How far each series lags its trading calendar, refreshed from the warehouse every
 * {@code mdw.metrics.staleness-refresh} (default 1m): bars behind, age of the last bar, and the staleness class
 * (fresh, aging, stale, missing) as a 0/1 gauge per class.
 */
@Component
@ConditionalOnWebApplication // a batch node, scraped; CLI commands have no use for it
@EnableConfigurationProperties(MetricsSettings.class)
public class StalenessGauges implements SchedulingConfigurer {

    private final SeriesFreshness freshness;
    private final CalendarSettings calendars;
    private final Clock clock;
    private final MultiGauge barsBehind;
    private final MultiGauge lastBarAge;
    private final MultiGauge staleness;
    private final Duration period;

    public StalenessGauges(SeriesFreshness freshness, CalendarSettings calendars, MeterRegistry registry,
            MetricsSettings settings) {
        this.period = settings.stalenessRefresh();
        this.freshness = freshness;
        this.calendars = calendars;
        this.clock = Clock.systemUTC();
        this.barsBehind = MultiGauge.builder("mdw.series.bars.behind")
                .description("Complete bars the trading calendar expects after the series' last stored bar")
                .register(registry);
        this.lastBarAge = MultiGauge.builder("mdw.series.last.bar.age")
                .description("Time since the start of the series' last stored bar")
                .baseUnit("seconds")
                .register(registry);
        this.staleness = MultiGauge.builder("mdw.series.staleness")
                .description("1 for the series' staleness class (fresh 0 bars behind, aging 1, stale 2+, missing), else 0")
                .register(registry);
    }

    /** Every period, from start-up: the checked setting itself, so that it is read and parsed once. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, period);
    }

    public void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> behindRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        List<MultiGauge.Row<?>> classRows = new ArrayList<>();
        for (SeriesFreshness.LastBar series : freshness.lastBars()) {
            Tags tags = Tags.of("symbol", series.symbol(), "timeframe", series.timeframe().code(),
                    "asset_class", series.assetClass().code());
            TradingCalendar calendar = calendars.forAssetClass(series.assetClass());
            if (series.lastBarTime() != null) {
                behindRows.add(MultiGauge.Row.of(tags,
                        calendar.barsBehind(series.timeframe(), series.lastBarTime(), now)));
                ageRows.add(MultiGauge.Row.of(tags, Duration.between(series.lastBarTime(), now).toSeconds()));
            }
            Staleness current = Staleness.of(calendar, series.timeframe(), series.lastBarTime(), now);
            for (Staleness state : Staleness.values()) {
                classRows.add(MultiGauge.Row.of(tags.and("state", state.code()), state == current ? 1 : 0));
            }
        }
        barsBehind.register(behindRows, true);
        lastBarAge.register(ageRows, true);
        staleness.register(classRows, true);
    }
}
