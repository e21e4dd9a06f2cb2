package io.mdw.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The verdict on one bar: its flags, how many expected bars precede it unseen, its score and whether it passes. */
public record Assessment(Set<QualityFlag> flags, int missingBars, BigDecimal qualityScore, boolean validated) {

    public Assessment {
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(QualityFlag.class) : EnumSet.copyOf(flags));
    }

    /** Scores the flags: clamp(1 − Σ penalties, 0, 1) with two decimals; validated when ≥ the threshold. */
    public static Assessment of(Set<QualityFlag> flags, int missingBars, BigDecimal validatedScore) {
        BigDecimal score = BigDecimal.ONE;
        for (QualityFlag flag : flags) {
            score = score.subtract(flag.penalty());
        }
        score = score.max(BigDecimal.ZERO).min(BigDecimal.ONE).setScale(2, RoundingMode.HALF_UP);
        return new Assessment(flags, missingBars, score, score.compareTo(validatedScore) >= 0);
    }

    /** The flag codes in a stable order (the declaration order of {@link QualityFlag}). */
    public List<String> flagCodes() {
        return flags.stream().map(QualityFlag::code).toList();
    }
}
