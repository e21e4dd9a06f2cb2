package io.mdw.features;

/** Where the close sits against its 5-bar average (±0.1%). */
public enum TrendDirection {
    UP("up"), DOWN("down"), NEUTRAL("neutral");

    // values() copies its array at each call: a read of a stored code runs for every bar served
    private static final TrendDirection[] ALL = values();

    private final String code;

    TrendDirection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static TrendDirection fromCode(String code) {
        for (TrendDirection direction : ALL) {
            if (direction.code.equals(code)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("Unknown trend direction '" + code + "'");
    }
}
