package io.mdw.batch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.mdw.calendar.WarehouseDates;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A window given as dates (both days included, in UTC) or instants, with the defaults its command gives (and states in
 * its description). A value that
 * is no date, or a window that ends before it starts, is a bad option (exit status 2), reported as typed.
 */
class WindowOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    // the defaults are each command's, so its description gives them
    @Option(names = "--from", description = "first day (YYYY-MM-DD) or instant (ISO-8601) to load")
    String from;

    @Option(names = "--to", description = "last day (YYYY-MM-DD, included) or instant (excluded)")
    String to;

    /** The start, or the fallback without --from; null fallback: --from is required. */
    Instant start(Instant fallback) {
        if (from == null && fallback == null) {
            throw bad("--from is required, e.g. --from 2024-01-01");
        }
        return from == null ? fallback : parse(from, "--from", false);
    }

    /** The end (excluded), or the fallback without --to; checked to come after {@link #start}. */
    Instant end(Instant start, Instant fallback) {
        Instant end = to == null ? fallback : parse(to, "--to", true);
        if (!start.isBefore(end)) {
            throw bad(to == null ? "--from " + from + " is after today"
                    : from == null ? "--to " + to + " is before the start of the window, " + start
                    : "--from " + from + " --to " + to + " is an empty window");
        }
        return end;
    }

    private Instant parse(String value, String option, boolean dayIncluded) {
        Instant time;
        try {
            if (value.contains("T")) {
                time = Instant.parse(value);
            } else {
                LocalDate day = LocalDate.parse(value);
                time = (dayIncluded ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw bad(option + " '" + value + "' is not a date (YYYY-MM-DD) or an instant (2024-01-01T00:00:00Z)");
        }
        // the day as typed: --to 2999-12-31 ends at the start of 3000
        if (!WarehouseDates.isInRange(dayIncluded && !value.contains("T") ? time.minusSeconds(1) : time)) {
            throw bad(option + " '" + value + "' is outside the " + WarehouseDates.YEARS);
        }
        if (!WarehouseDates.isToTheMicrosecond(time)) {
            throw bad(option + " '" + value + "' is finer than the microsecond to which times are stored; give at most"
                    + " 6 fraction digits");
        }
        return time;
    }

    private ParameterException bad(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    static Instant endOfToday() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
