package io.mdw.api.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mdw.api.errors.ApiProblem;
import io.mdw.calendar.WarehouseDates;
import io.mdw.market.AssetClass;
import io.mdw.market.Ticker;
import io.mdw.market.Timeframe;

/** Parsing of the request values every endpoint shares, with errors that say what a valid value looks like. */
public final class Params {

    private static final String DATE_HELP = "use YYYY-MM-DD or an ISO-8601 UTC time such as 2024-01-31T14:30:00Z";

    private static final String PLUS_HELP = "a '+' in a query string is read as a blank; send the offset's '+' as %2B,"
            + " such as 2024-01-31T14:30:00%2B01:00, or a UTC time such as 2024-01-31T14:30:00Z";

    private Params() {
    }

    public static String symbol(String raw) {
        String symbol = Ticker.normalize(raw);
        if (!Ticker.isValid(symbol)) {
            throw ApiProblem.badRequest("Invalid symbol '" + abbreviate(raw) + "': expected " + Ticker.EXPECTED);
        }
        return symbol;
    }

    /** A comma-separated list, in the order given, without duplicates; an empty entry is refused, not skipped. */
    public static List<String> symbols(String csv, int max) {
        if (csv == null || csv.isBlank()) {
            throw ApiProblem.badRequest("Parameter 'symbols' is required: a comma-separated list such as AAPL,MSFT");
        }
        return symbols(Arrays.asList(csv.split(",", -1)), max);
    }

    /** Symbols each given whole, in the order given, without duplicates; an empty entry is refused, not skipped. */
    public static List<String> symbols(List<String> entries, int max) {
        Set<String> symbols = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null || entries.get(i).isBlank()) {
                throw ApiProblem.badRequest("Parameter 'symbols' holds an empty entry at position " + (i + 1)
                        + "; list tickers separated by single commas, such as AAPL,MSFT");
            }
            symbols.add(symbol(entries.get(i)));
        }
        if (symbols.isEmpty() || symbols.size() > max) {
            throw ApiProblem.badRequest("Parameter 'symbols' must list between 1 and " + max + " symbols; got " + symbols.size());
        }
        return List.copyOf(symbols);
    }

    public static Timeframe timeframe(String code) {
        try {
            return Timeframe.fromCode(code == null ? "" : code.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid timeframe '" + abbreviate(code) + "': valid timeframes are " + Timeframe.validCodes());
        }
    }

    /** Timeframes as the query gives them: a repeated parameter, each value possibly comma-separated (1d,1h). */
    public static List<Timeframe> timeframesFromQuery(List<String> values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            entries.addAll(Arrays.asList(value.split(",", -1)));
        }
        return timeframes(entries);
    }

    /** Timeframes each given whole (a JSON list: "1d,1h" is no timeframe); an empty entry is refused, not skipped. */
    public static List<Timeframe> timeframes(List<String> entries) {
        List<String> invalid = new ArrayList<>();
        Set<Timeframe> timeframes = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String trimmed = entries.get(i) == null ? "" : entries.get(i).trim();
            if (trimmed.isEmpty()) {
                throw ApiProblem.badRequest("'timeframes' holds an empty entry at position " + (i + 1)
                        + "; list timeframes such as 1d, 1h");
            }
            try {
                timeframes.add(Timeframe.fromCode(trimmed));
            } catch (IllegalArgumentException e) {
                invalid.add("'" + abbreviate(trimmed) + "'");
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiProblem.badRequest("Invalid timeframes: " + invalid + "; valid timeframes are " + Timeframe.validCodes());
        }
        if (timeframes.isEmpty()) {
            throw ApiProblem.badRequest("At least one timeframe is required; valid timeframes are " + Timeframe.validCodes());
        }
        return List.copyOf(timeframes);
    }

    public static AssetClass assetClass(String code) {
        try {
            return AssetClass.fromCode(code == null ? "" : code.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid asset_class '" + abbreviate(code) + "': valid asset classes are " + AssetClass.validCodes());
        }
    }

    /** The first instant of a range: a date means its UTC midnight. */
    public static Instant rangeStart(String name, String value) {
        return parse(name, value, false);
    }

    /** The end of a range, exclusive: a date includes that whole UTC day, a time includes that instant. */
    public static Instant rangeEndExclusive(String name, String value) {
        return parse(name, value, true);
    }

    public static void requireOrdered(Instant start, Instant endExclusive) {
        if (!start.isBefore(endExclusive)) {
            throw ApiProblem.badRequest("'start' must be before 'end'");
        }
    }

    public static int limit(Integer limit, int defaultLimit, int max) {
        int value = limit == null ? defaultLimit : limit;
        // the next link is the way past the most a page holds; below one there is no way
        return between("limit", value, 1, max, value > max ? " (follow the 'next' link for more)" : "");
    }

    /** The value of the named parameter, or a 400 saying its range when it lies outside. */
    public static int between(String name, int value, int min, int max) {
        return between(name, value, min, max, "");
    }

    private static int between(String name, int value, int min, int max, String hint) {
        if (value < min || value > max) {
            throw ApiProblem.badRequest("'" + name + "' must be between " + min + " and " + max + "; got " + value + hint);
        }
        return value;
    }

    public static String abbreviate(String value) {
        return abbreviate(value, 40);
    }

    /** At most {@code max} characters of the value, "…" marking where it was cut: a client's input is not echoed whole. */
    public static String abbreviate(String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() <= max) {
            return value;
        }
        // not between the two halves of a surrogate pair: half an emoji is no character
        int cut = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, cut) + "…";
    }

    private static Instant parse(String name, String value, boolean endExclusive) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("Parameter '" + name + "' is required: " + DATE_HELP);
        }
        String trimmed = value.trim();
        try {
            if (trimmed.length() == 10) {
                LocalDate date = LocalDate.parse(trimmed);
                if (!WarehouseDates.isInRange(date.getYear())) {
                    throw ApiProblem.badRequest("Date '" + trimmed + "' for '" + name + "' is out of range ("
                            + WarehouseDates.YEARS + ")");
                }
                Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
                return endExclusive ? midnight.plus(1, ChronoUnit.DAYS) : midnight;
            }
            Instant instant = OffsetDateTime.parse(trimmed).toInstant();
            if (!WarehouseDates.isInRange(instant)) {
                throw ApiProblem.badRequest("Time '" + abbreviate(trimmed) + "' for '" + name + "' is out of range ("
                        + WarehouseDates.YEARS + ")");
            }
            if (!WarehouseDates.isToTheMicrosecond(instant)) {
                throw ApiProblem.badRequest("Time '" + abbreviate(trimmed) + "' for '" + name + "' is finer than a"
                        + " microsecond: times are stored to the microsecond; send at most 6 fraction digits");
            }
            return endExclusive ? instant.plus(1, ChronoUnit.MICROS) : instant;
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("Invalid date '" + abbreviate(value) + "' for '" + name + "': "
                    + (isTimeWithItsPlusDecoded(trimmed) ? PLUS_HELP : DATE_HELP));
        }
    }

    /** Whether the value is a valid time once its blanks are '+' again, as an offset's unencoded '+' arrives blank. */
    private static boolean isTimeWithItsPlusDecoded(String value) {
        if (value.indexOf(' ') < 0) {
            return false;
        }
        try {
            OffsetDateTime.parse(value.replace(' ', '+'));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
