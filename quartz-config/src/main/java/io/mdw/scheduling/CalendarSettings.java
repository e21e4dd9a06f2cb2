package io.mdw.scheduling;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
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
public final class CalendarSettings {

    // built once: a calendar keeps each year's holidays once worked out, and one is asked for every series looked at
    private final Map<AssetClass, TradingCalendar> calendars = new EnumMap<>(AssetClass.class);

    public CalendarSettings(Set<LocalDate> specialClosures) {
        Set<LocalDate> closures = specialClosures == null ? Set.of() : Set.copyOf(specialClosures);
        for (AssetClass assetClass : AssetClass.values()) {
            calendars.put(assetClass, TradingCalendar.forAssetClass(assetClass, closures));
        }
    }

    public TradingCalendar forAssetClass(AssetClass assetClass) {
        return calendars.get(assetClass);
    }
}
