package io.mdw.text;

/**
 * Input quoted in a message (an argument, a file's header, a provider's answer) may hold control characters: shown
 * escaped, so that the message stays one line on a terminal, and a NUL never reaches PostgreSQL's text, which cannot
 * hold one (Spring Batch stores a failure's message; a NUL in it left the step unrecorded, its job never ending).
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The text with each control character written as {@code \}{@code uXXXX}. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.chars().forEach(c -> escaped.append(Character.isISOControl(c) ? "\\u%04X".formatted(c) : (char) c));
        return escaped.toString();
    }
}
