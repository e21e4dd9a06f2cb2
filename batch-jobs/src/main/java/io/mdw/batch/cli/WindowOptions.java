package io.mdw.batch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import picocli.CommandLine.Option;

/**
 * A window given as dates (both days included, in UTC) or instants. {@code --to} defaults to today.
 */
class WindowOptions {

    @Option(names = "--from", description = "first day (YYYY-MM-DD) or instant (ISO-8601) to load")
    String from;

    @Option(names = "--to", description = "last day (YYYY-MM-DD, included) or instant (excluded); default today")
    String to;

    Instant start(Instant fallback) {
        return from == null ? fallback : parse(from, "--from", false);
    }

    Instant end(Instant fallback) {
        return to == null ? fallback : parse(to, "--to", true);
    }

    private static Instant parse(String value, String option, boolean dayIncluded) {
        try {
            if (value.contains("T")) {
                return Instant.parse(value);
            }
            LocalDate day = LocalDate.parse(value);
            return (dayIncluded ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value
                    + "' is not a date (YYYY-MM-DD) or an instant (2024-01-01T00:00:00Z)");
        }
    }

    static Instant endOfToday() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
