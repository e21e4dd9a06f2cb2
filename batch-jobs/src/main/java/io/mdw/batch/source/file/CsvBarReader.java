package io.mdw.batch.source.file;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.mdw.calendar.TradingCalendar;
import io.mdw.market.RawBar;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;

/**
 * Bars from a CSV file with a header row naming its columns (see {@link CsvColumns}), one bar per line. Time is epoch
 * milliseconds, an ISO-8601 instant or a date, taken as the start of that day in the series' calendar: where the
 * provider starts the day's bar (New York midnight for a stock, UTC midnight for crypto), so that consecutive trading
 * days are not seen as gaps.
 * <p>
 * Each line is split on its own, so that a malformed row (too many or too few cells, a quote left open) is one
 * reject, kept with its line as it stands in the file, and the rows after it load as usual. Blank lines are skipped.
 */
public class CsvBarReader extends AbstractItemCountingItemStreamItemReader<RawBar> {

    private static final ObjectReader CELLS = new CsvMapper().readerFor(String[].class);

    private final Resource file;
    private final TradingCalendar calendar;
    private BufferedReader lines;
    private CsvColumns columns;
    private long lineNumber;

    /** @param calendar the series' calendar, which says where a day given as a date begins */
    public CsvBarReader(Resource file, TradingCalendar calendar) {
        this.file = file;
        this.calendar = calendar;
        setName("file");
    }

    /**
     * @throws IllegalArgumentException when the file has no header row, or one without the columns of a bar: then no
     *                                  row could be read, and the load fails at once
     */
    @Override
    protected void doOpen() throws Exception {
        lines = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8));
        String header = lines.readLine();
        lineNumber = 1;
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("the file is empty: expected a header row such as "
                    + "time,open,high,low,close,volume");
        }
        // a byte order mark, as spreadsheet programs write, is not part of the first column's name
        columns = CsvColumns.of(cells(header.replaceFirst("^\uFEFF", "")));
    }

    @Override
    protected RawBar doRead() throws Exception {
        String line;
        do {
            line = lines.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        if (line == null) {
            return null;
        }
        String[] row;
        try {
            row = cells(line);
        } catch (JacksonException e) {
            return RawBar.unreadable(lineNumber, line, "not a CSV row (" + e.getOriginalMessage() + ")");
        }
        if (row.length != columns.width()) {
            return RawBar.unreadable(lineNumber, line, row.length + " fields, expected " + columns.width());
        }
        String[] f = columns.fieldsOf(row);
        return new RawBar(epochMillis(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7],
                new RawBar.SourceLine(lineNumber, line, null));
    }

    @Override
    protected void doClose() throws Exception {
        if (lines != null) {
            lines.close();
        }
    }

    private static String[] cells(String line) {
        return CELLS.readValue(line);
    }

    /** Epoch milliseconds as text; a value that is no time at all is passed on as it is, for the pipeline to reject. */
    private String epochMillis(String time) {
        if (time == null || time.chars().allMatch(Character::isDigit)) {
            return time;
        }
        try {
            return Long.toString(Instant.parse(time).toEpochMilli());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Long.toString(calendar.startOfDay(LocalDate.parse(time)).toEpochMilli());
            } catch (DateTimeParseException notADate) {
                return time;
            }
        }
    }
}
