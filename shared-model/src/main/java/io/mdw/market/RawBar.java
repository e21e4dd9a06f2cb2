package io.mdw.market;

import java.util.regex.Pattern;

/**
 * A bar as the source delivered it, before any parsing: each field is the JSON number token text or the
 * CSV cell, {@code null} when absent. Kept as text so a rejected item can be stored exactly as received.
 * {@code line} is where a row of a text file came from, null for an item of a JSON response.
 */
public record RawBar(String t, String o, String h, String l, String c, String v, String vw, String n, SourceLine line) {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    /**
     * A row of a text file: its line number (from 1), its text as it stands in the file, and why it could not be split
     * into the file's columns (null when it could; its fields are then all null).
     */
    public record SourceLine(long number, String text, String unreadable) {
    }

    /** An item of a JSON response. */
    public RawBar(String t, String o, String h, String l, String c, String v, String vw, String n) {
        this(t, o, h, l, c, v, vw, n, null);
    }

    /** A row of a text file that could not be split into its columns, for the pipeline to reject with the reason. */
    public static RawBar unreadable(long lineNumber, String text, String reason) {
        return new RawBar(null, null, null, null, null, null, null, null, new SourceLine(lineNumber, text, reason));
    }

    /**
     * What was received, as it is kept with a reject: a row of a text file as it stands there; otherwise the present
     * fields as a JSON object, numbers unquoted, anything else as an escaped string.
     */
    public String toPayload() {
        if (line != null) {
            return line.text();
        }
        StringBuilder json = new StringBuilder("{");
        appendField(json, "t", t);
        appendField(json, "o", o);
        appendField(json, "h", h);
        appendField(json, "l", l);
        appendField(json, "c", c);
        appendField(json, "v", v);
        appendField(json, "vw", vw);
        appendField(json, "n", n);
        return json.append('}').toString();
    }

    private static void appendField(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(name).append("\":");
        if (JSON_NUMBER.matcher(value).matches()) {
            json.append(value);
        } else {
            appendJsonString(json, value);
        }
    }

    private static void appendJsonString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }
}
