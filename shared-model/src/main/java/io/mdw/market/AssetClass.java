package io.mdw.market;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of instrument the warehouse tracks; the asset class decides the trading calendar. */
public enum AssetClass {
    STOCK("stock"),
    ETF("etf"),
    CRYPTO("crypto"),
    FOREX("forex");

    private final String code;

    AssetClass(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static AssetClass fromCode(String code) {
        for (AssetClass assetClass : values()) {
            if (assetClass.code.equals(code)) {
                return assetClass;
            }
        }
        throw new IllegalArgumentException("Unknown asset class '" + code + "'; expected one of: " + validCodes());
    }

    /** The class recorded for a symbol (its code, or null when none is), else the one its ticker implies. */
    public static AssetClass ofSymbol(String ticker, String recordedCode) {
        return recordedCode != null ? fromCode(recordedCode.toLowerCase(Locale.ROOT)) : ofTicker(ticker);
    }

    /** The provider's prefixes say what a ticker is: X: crypto, C: forex; anything else is taken for a stock. */
    public static AssetClass ofTicker(String ticker) {
        if (ticker.startsWith("X:")) {
            return CRYPTO;
        }
        if (ticker.startsWith("C:")) {
            return FOREX;
        }
        return STOCK;
    }

    public static String validCodes() {
        return Arrays.stream(values()).map(AssetClass::code).collect(Collectors.joining(", "));
    }
}
