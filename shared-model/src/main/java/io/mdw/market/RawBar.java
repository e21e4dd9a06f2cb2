package io.mdw.market;

/**
 * A bar as the source delivered it, before any parsing: each field is the JSON number token text or the
 * CSV cell, {@code null} when absent. Kept as text so a rejected item can be stored exactly as received.
 * {@code line} is where a row of a text file came from, null for an item of a JSON response.
 */
public record RawBar(String t, String o, String h, String l, String c, String v, String vw, String n, SourceLine line) {

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
}
