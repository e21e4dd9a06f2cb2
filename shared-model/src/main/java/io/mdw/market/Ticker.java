package io.mdw.market;

import java.util.regex.Pattern;

/**
 * What a symbol may be: a ticker as the provider names it (AAPL, BRK.B, X:BTCUSD, C:EURUSD). It is one segment of the
 * provider's URL and of the API's paths, so it never holds a '/' and never starts with a '.'.
 */
public final class Ticker {

    /** What an error says a symbol should look like. */
    public static final String EXPECTED = "a ticker such as AAPL, BRK.B or X:BTCUSD (letters, digits, '.', ':', '-' "
            + "or '_', starting and ending with a letter or digit, at most 32)";

    // ends with a letter or digit: a market prefix alone ("X:") or a dangling separator is not a ticker
    private static final Pattern VALID = Pattern.compile("[A-Z0-9]([A-Z0-9.:_-]{0,30}[A-Z0-9])?");

    private Ticker() {
    }

    /**
     * A symbol as given, in the form tickers are stored: its ASCII letters upper case, surrounding blanks removed.
     * Only ASCII letters: Java's upper case of 'ſ' is 'S', of 'ß' "SS", of 'ﬀ' "FF", which made other tickers of them.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder ticker = new StringBuilder(raw.trim());
        for (int i = 0; i < ticker.length(); i++) {
            char c = ticker.charAt(i);
            if (c >= 'a' && c <= 'z') {
                ticker.setCharAt(i, (char) (c - 'a' + 'A'));
            }
        }
        return ticker.toString();
    }

    /** Whether the symbol is a ticker in its stored form. */
    public static boolean isValid(String symbol) {
        return symbol != null && VALID.matcher(symbol).matches();
    }
}
