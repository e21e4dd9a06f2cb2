package io.mdw.batch.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.mdw.calendar.WarehouseDates;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A symbol's history start (YYYY-MM-DD), by the API's rule for history_start (see {@link WarehouseDates}). */
class HistoryStartConverter implements ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
        }
        try {
            return WarehouseDates.historyStart(day, LocalDate.now(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
