package io.mdw.quality;

import java.math.BigDecimal;

/** A validation finding on a bar, with what it costs the bar's quality score. */
public enum QualityFlag {
    OHLC_INVALID("ohlc_invalid", "0.5"),
    EXTREME_MOVE("extreme_move", "0.3"),
    PRICE_GAP("price_gap", "0.2"),
    MISSING_BARS("missing_bars", "0.1"),
    VOLUME_SPIKE("volume_spike", "0.1"),
    VOLUME_DROUGHT("volume_drought", "0.15");

    private final String code;
    private final BigDecimal penalty;

    QualityFlag(String code, String penalty) {
        this.code = code;
        this.penalty = new BigDecimal(penalty);
    }

    public String code() {
        return code;
    }

    public BigDecimal penalty() {
        return penalty;
    }
}
