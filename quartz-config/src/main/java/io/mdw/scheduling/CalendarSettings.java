package io.mdw.scheduling;

import java.time.LocalDate;
import java.util.Set;

import io.mdw.calendar.NyseCalendar;
import io.mdw.calendar.TradingCalendar;
import io.mdw.market.AssetClass;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The calendars the batch nodes check bars and the API counts staleness against, here so both apps share one
 * setting: {@code mdw.calendar.special-closures} (env MDW_CALENDAR_SPECIAL_CLOSURES, comma-separated dates) adds
 * unscheduled NYSE closures to the built-in list ({@link NyseCalendar#DEFAULT_SPECIAL_CLOSURES}).
 */
@ConfigurationProperties("mdw.calendar")
public record CalendarSettings(Set<LocalDate> specialClosures) {

    public CalendarSettings {
        specialClosures = specialClosures == null ? Set.of() : Set.copyOf(specialClosures);
    }

    public TradingCalendar forAssetClass(AssetClass assetClass) {
        return TradingCalendar.forAssetClass(assetClass, specialClosures);
    }
}
