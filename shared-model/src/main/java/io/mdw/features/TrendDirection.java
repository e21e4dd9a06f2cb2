package io.mdw.features;

/** Where the close sits against its 5-bar average (±0.1%). */
public enum TrendDirection {
    UP, DOWN, NEUTRAL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
