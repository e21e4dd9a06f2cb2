package io.mdw.batch.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A day that has begun (YYYY-MM-DD, today at the latest in UTC): there is no history after it to load. */
class PastDayConverter implements ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (day.isAfter(today)) {
            throw new TypeConversionException("'" + value + "' is after today (" + today + ")");
        }
        return day;
    }
}
