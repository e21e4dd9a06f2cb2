package io.mdw.batch.source.file;

import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import io.mdw.calendar.TradingCalendar;
import io.mdw.market.RawBar;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.core.io.Resource;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Bars from a CSV file with a header row. Columns are matched by name, in the provider's short form or spelled out:
 * t|time|timestamp, o|open, h|high, l|low, c|close, v|volume, vw|vwap, n|trades|trade_count. Time is epoch
 * milliseconds, an ISO-8601 instant or a date, taken as the start of that day in the series' calendar: where the
 * provider starts the day's bar (New York midnight for a stock, UTC midnight for crypto), so that consecutive trading
 * days are not seen as gaps.
 */
public class CsvBarReader extends AbstractItemCountingItemStreamItemReader<RawBar> {

    private final Resource file;
    private final TradingCalendar calendar;
    private Reader reader;
    private MappingIterator<Map<String, String>> rows;

    /** @param calendar the series' calendar, which says where a day given as a date begins */
    public CsvBarReader(Resource file, TradingCalendar calendar) {
        this.file = file;
        this.calendar = calendar;
        setName("file");
    }

    @Override
    protected void doOpen() throws Exception {
        reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8);
        rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(reader);
    }

    @Override
    protected RawBar doRead() {
        if (!rows.hasNextValue()) {
            return null;
        }
        Map<String, String> row = rows.nextValue();
        return new RawBar(epochMillis(column(row, "t", "time", "timestamp")), column(row, "o", "open"),
                column(row, "h", "high"), column(row, "l", "low"), column(row, "c", "close"),
                column(row, "v", "volume"), column(row, "vw", "vwap"), column(row, "n", "trades", "trade_count"));
    }

    @Override
    protected void doClose() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }

    private static String column(Map<String, String> row, String... names) {
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String header = cell.getKey().trim().toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (header.equals(name)) {
                    String value = cell.getValue() == null ? null : cell.getValue().trim();
                    return value == null || value.isEmpty() ? null : value;
                }
            }
        }
        return null;
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
