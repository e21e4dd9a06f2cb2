package io.mdw.quality;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

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

    /** The findings that the API and the daily quality metrics report together under one name. */
    public enum Group {
        /**
         * A jump from the previous close or expected bars missing before the bar: the API's gap_detected and
         * quality_daily's gap_detected_records.
         */
        GAP(PRICE_GAP, MISSING_BARS),
        /** A volume far from the window's median: the API's volume_anomaly. */
        VOLUME_ANOMALY(VOLUME_SPIKE, VOLUME_DROUGHT),
        /** Anything odd in the bar itself, missing bars (counted as gaps) aside: quality_daily's anomalies_detected. */
        ANOMALY(OHLC_INVALID, EXTREME_MOVE, PRICE_GAP, VOLUME_SPIKE, VOLUME_DROUGHT);

        private final String[] codes;

        Group(QualityFlag... flags) {
            this.codes = Arrays.stream(flags).map(QualityFlag::code).toArray(String[]::new);
        }

        /** The codes of its flags, as bars store them. */
        public List<String> codes() {
            return List.of(codes);
        }

        /** Whether a bar with these flag codes has a flag of this group. */
        public boolean containsAny(List<String> flagCodes) {
            for (String code : codes) {
                if (flagCodes.contains(code)) {
                    return true;
                }
            }
            return false;
        }
    }
}
