package io.mdw.batch.source.file;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.mdw.text.ControlCharacters;

/**
 * Which column of a CSV file holds which field of a bar, read from its header row by name, in the provider's short
 * form or spelled out: t|time|timestamp, o|open, h|high, l|low, c|close, v|volume, and optionally vw|vwap and
 * n|trades|trade_count.
 */
final class CsvColumns {

    private record Field(boolean required, List<String> names) {

        String expected() {
            return String.join("|", names);
        }
    }

    private static final List<Field> FIELDS = List.of(field(true, "t", "time", "timestamp"), field(true, "o", "open"),
            field(true, "h", "high"), field(true, "l", "low"), field(true, "c", "close"), field(true, "v", "volume"),
            field(false, "vw", "vwap"), field(false, "n", "trades", "trade_count"));

    private static final int MAX_QUOTED = 200;

    /** Per field of {@link #FIELDS}, its column; -1 for an optional one the file does not have. */
    private final int[] columns;
    private final int width;

    private CsvColumns(int[] columns, int width) {
        this.columns = columns;
        this.width = width;
    }

    /**
     * The columns of the header row.
     *
     * @throws IllegalArgumentException naming the columns found and the ones expected, when a required one is missing
     *                                  or a field has two columns
     */
    static CsvColumns of(String[] header) {
        List<String> names = Arrays.stream(header).map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        int[] columns = FIELDS.stream().mapToInt(field -> field.names().stream().mapToInt(names::indexOf)
                .filter(column -> column >= 0).findFirst().orElse(-1)).toArray();
        for (int i = 0; i < FIELDS.size(); i++) {
            List<String> naming = names.stream().filter(FIELDS.get(i).names()::contains).toList();
            if (naming.size() > 1) {
                throw new IllegalArgumentException("the header has the columns " + quoted(header)
                        + ", naming " + FIELDS.get(i).expected() + " " + naming.size() + " times; name each field once");
            }
            if (FIELDS.get(i).required() && columns[i] < 0) {
                throw new IllegalArgumentException("the header has the columns " + quoted(header)
                        + "; expected " + expected(true) + " (and optionally " + expected(false) + ")");
            }
        }
        return new CsvColumns(columns, header.length);
    }

    /** How many columns a row must have: as many as the header. */
    int width() {
        return width;
    }

    /** The row's cells in the order of a bar's fields t, o, h, l, c, v, vw, n; null for an empty or absent cell. */
    String[] fieldsOf(String[] row) {
        String[] fields = new String[FIELDS.size()];
        for (int i = 0; i < fields.length; i++) {
            String cell = columns[i] < 0 ? null : row[columns[i]].trim();
            fields[i] = cell == null || cell.isEmpty() ? null : cell;
        }
        return fields;
    }

    /** The header as found, short enough for a message (the first row of a file that is no CSV may be anything). */
    private static String quoted(String[] header) {
        String columns = ControlCharacters.escape(String.join(",", header));
        return columns.length() <= MAX_QUOTED ? columns : columns.substring(0, MAX_QUOTED) + "…";
    }

    private static String expected(boolean required) {
        return FIELDS.stream().filter(field -> field.required() == required).map(Field::expected)
                .collect(Collectors.joining(","));
    }

    private static Field field(boolean required, String... names) {
        return new Field(required, List.of(names));
    }
}
