package io.mdw.features;

/** The slope of the 20-bar typical-price average, confirmed by the close against the 20-bar extremes. */
public enum MarketStructure {
    BULLISH("bullish"), BEARISH("bearish"), RANGE("range");

    // values() copies its array at each call: a read of a stored code runs for every bar served
    private static final MarketStructure[] ALL = values();

    private final String code;

    MarketStructure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static MarketStructure fromCode(String code) {
        for (MarketStructure structure : ALL) {
            if (structure.code.equals(code)) {
                return structure;
            }
        }
        throw new IllegalArgumentException("Unknown market structure '" + code + "'");
    }
}
