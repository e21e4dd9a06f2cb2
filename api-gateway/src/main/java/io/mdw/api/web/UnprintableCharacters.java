package io.mdw.api.web;

/**
 * The characters no value sent to the API may hold: control characters (a stray tab, NUL or newline), line and
 * paragraph separators, and half of a surrogate pair (which is no character at all, and PostgreSQL would store as
 * '?'). Refused rather than trimmed or stored, so that what a request names is what it says.
 */
public final class UnprintableCharacters {

    private UnprintableCharacters() {
    }

    /** The first such character of the text, described ("the control character U+0009"), or null when there is none. */
    public static String firstIn(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "the control character " + codePoint(c);
            }
            if (c == '\u2028' || c == '\u2029') {
                return "the line separator " + codePoint(c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "half of a surrogate pair, " + codePoint(c);
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return "U+%04X".formatted((int) c);
    }
}
