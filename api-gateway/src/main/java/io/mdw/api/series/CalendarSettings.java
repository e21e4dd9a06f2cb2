package io.mdw.api.series;

import java.time.LocalDate;
import java.util.Set;

import io.mdw.calendar.NyseCalendar;
import io.mdw.calendar.TradingCalendar;
import io.mdw.market.AssetClass;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The calendars staleness is counted against, configured like the batch nodes': {@code mdw.calendar.special-closures}
 * (MDW_CALENDAR_SPECIAL_CLOSURES, comma-separated dates) replaces the built-in list of unscheduled NYSE closures.
 */
@ConfigurationProperties("mdw.calendar")
public record CalendarSettings(Set<LocalDate> specialClosures) {

    public CalendarSettings {
        specialClosures = specialClosures == null ? NyseCalendar.DEFAULT_SPECIAL_CLOSURES : Set.copyOf(specialClosures);
    }

    public TradingCalendar forAssetClass(AssetClass assetClass) {
        return TradingCalendar.forAssetClass(assetClass, specialClosures);
    }
}
