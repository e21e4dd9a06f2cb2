package io.mdw.features;

/** The slope of the 20-bar typical-price average, confirmed by the close against the 20-bar extremes. */
public enum MarketStructure {
    BULLISH, BEARISH, RANGE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
