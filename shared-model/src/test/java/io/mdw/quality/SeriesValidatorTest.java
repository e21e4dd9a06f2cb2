package io.mdw.quality;

import io.mdw.calendar.ContinuousCalendar;
import io.mdw.calendar.NyseCalendar;
import io.mdw.market.Bar;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.mdw.quality.QualityFlag.EXTREME_MOVE;
import static io.mdw.quality.QualityFlag.MISSING_BARS;
import static io.mdw.quality.QualityFlag.OHLC_INVALID;
import static io.mdw.quality.QualityFlag.PRICE_GAP;
import static io.mdw.quality.QualityFlag.VOLUME_DROUGHT;
import static io.mdw.quality.QualityFlag.VOLUME_SPIKE;
import static org.assertj.core.api.Assertions.assertThat;

class SeriesValidatorTest {

    private static final Instant T0 = Instant.parse("2023-03-13T10:00:00Z");

    @Test
    void aCleanBarScoresOne() {
        Assessment assessment = fresh().assess(bar(0, "100", "101", "99", "100.5", "10"));

        assertThat(assessment.flags()).isEmpty();
        assertThat(assessment.missingBars()).isZero();
        assertThat(assessment.qualityScore()).isEqualByComparingTo("1").hasToString("1.00");
        assertThat(assessment.validated()).isTrue();
    }

    @Test
    void ohlcInvalidWhenHighOrLowDoNotContainTheBodyOrAPriceIsNotPositive() {
        assertThat(flagsOf(bar(0, "10", "10", "9", "9.5", "1"))).doesNotContain(OHLC_INVALID);
        assertThat(flagsOf(bar(0, "10", "9.99", "9", "9.5", "1"))).contains(OHLC_INVALID);
        assertThat(flagsOf(bar(0, "10", "11", "9.5", "9.5", "1"))).doesNotContain(OHLC_INVALID);
        assertThat(flagsOf(bar(0, "10", "11", "9.51", "9.5", "1"))).contains(OHLC_INVALID);
        assertThat(flagsOf(bar(0, "10", "9", "11", "10", "1"))).contains(OHLC_INVALID);
        assertThat(flagsOf(bar(0, "10", "11", "0", "10", "1"))).contains(OHLC_INVALID);
        assertThat(flagsOf(bar(0, "-1", "11", "-2", "10", "1"))).contains(OHLC_INVALID);
    }

    @Test
    void extremeMoveAboveFiftyPercentBodyOrHundredPercentRange() {
        assertThat(flagsOf(bar(0, "100", "150", "100", "150", "1"))).doesNotContain(EXTREME_MOVE);
        assertThat(flagsOf(bar(0, "100", "150.01", "100", "150.01", "1"))).contains(EXTREME_MOVE);
        assertThat(flagsOf(bar(0, "100", "100", "50", "50", "1"))).doesNotContain(EXTREME_MOVE);
        assertThat(flagsOf(bar(0, "100", "100", "49.99", "49.99", "1"))).contains(EXTREME_MOVE);
        assertThat(flagsOf(bar(0, "150", "200", "100", "150", "1"))).doesNotContain(EXTREME_MOVE);
        assertThat(flagsOf(bar(0, "150", "200.01", "100", "150", "1"))).contains(EXTREME_MOVE);
        // A zero open or low is an invalid bar, not a division by zero.
        assertThat(flagsOf(bar(0, "0", "200", "0", "150", "1"))).containsExactly(OHLC_INVALID);
    }

    @Test
    void priceGapAboveTenPercentFromThePreviousClose() {
        assertThat(flagsAfter(bar(0, "100", "100", "100", "100", "1"), bar(1, "110", "110", "110", "110", "1")))
                .doesNotContain(PRICE_GAP);
        assertThat(flagsAfter(bar(0, "100", "100", "100", "100", "1"), bar(1, "110.01", "111", "110", "111", "1")))
                .contains(PRICE_GAP);
        assertThat(flagsAfter(bar(0, "100", "100", "100", "100", "1"), bar(1, "90", "90", "90", "90", "1")))
                .doesNotContain(PRICE_GAP);
        assertThat(flagsAfter(bar(0, "100", "100", "100", "100", "1"), bar(1, "89.99", "90", "89", "90", "1")))
                .contains(PRICE_GAP);
        assertThat(flagsOf(bar(0, "200", "200", "200", "200", "1"))).doesNotContain(PRICE_GAP);
    }

    @Test
    void missingBarsCountsTheExpectedBarsBetweenThePreviousBarAndThisOne() {
        SeriesValidator validator = fresh();
        validator.assess(bar(0, "100", "100", "100", "100", "1"));

        Assessment adjacent = validator.assess(bar(1, "100", "100", "100", "100", "1"));
        Assessment afterGap = validator.assess(bar(4, "100", "100", "100", "100", "1"));

        assertThat(adjacent.flags()).doesNotContain(MISSING_BARS);
        assertThat(afterGap.flags()).contains(MISSING_BARS);
        assertThat(afterGap.missingBars()).isEqualTo(2);
    }

    @Test
    void noBarsAreMissingOverAWeekendOnTheNyseCalendar() {
        SeriesValidator validator = new SeriesValidator(Timeframe.ONE_HOUR, new NyseCalendar(),
                ValidationThresholds.DEFAULTS, List.of());
        validator.assess(new Bar(Instant.parse("2024-03-08T20:00:00Z"), d("10"), d("10"), d("10"), d("10"), d("1"),
                null, null));

        Assessment monday = validator.assess(new Bar(Instant.parse("2024-03-11T13:00:00Z"), d("10"), d("10"), d("10"),
                d("10"), d("1"), null, null));
        Assessment mondayAfterTwoHours = validator.assess(new Bar(Instant.parse("2024-03-11T16:00:00Z"), d("10"),
                d("10"), d("10"), d("10"), d("1"), null, null));

        assertThat(monday.flags()).isEmpty();
        assertThat(mondayAfterTwoHours.missingBars()).isEqualTo(2);
    }

    @Test
    void volumeSpikeAndDroughtAgainstTheMedianOfTheFullPreviousWindow() {
        List<Bar> history = flatHistory(20, "100");

        assertThat(flagsWithHistory(history, "1000")).doesNotContain(VOLUME_SPIKE);
        assertThat(flagsWithHistory(history, "1000.01")).containsExactly(VOLUME_SPIKE);
        assertThat(flagsWithHistory(history, "10")).doesNotContain(VOLUME_DROUGHT);
        assertThat(flagsWithHistory(history, "9.99")).containsExactly(VOLUME_DROUGHT);
        assertThat(flagsWithHistory(flatHistory(19, "100"), "100000")).isEmpty();
        assertThat(flagsWithHistory(flatHistory(20, "0"), "0")).isEmpty();
    }

    @Test
    void theMedianOfAnEvenWindowIsTheMeanOfTheMiddleTwo() {
        List<Bar> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(bar(i, "100", "100", "100", "100", String.valueOf(i + 1)));
        }
        // median of 1..20 = 10.5, so the spike limit is 105 and the drought limit 1.05
        assertThat(flagsWithHistory(history, "105")).isEmpty();
        assertThat(flagsWithHistory(history, "105.001")).containsExactly(VOLUME_SPIKE);
        assertThat(flagsWithHistory(history, "1.05")).isEmpty();
        assertThat(flagsWithHistory(history, "1.049")).containsExactly(VOLUME_DROUGHT);
    }

    @Test
    void historySeedsThePreviousBarAndTheVolumeWindow() {
        List<Bar> history = flatHistory(25, "100");
        SeriesValidator validator = new SeriesValidator(Timeframe.ONE_HOUR, ContinuousCalendar.crypto(),
                ValidationThresholds.DEFAULTS, history);

        Assessment assessment = validator.assess(bar(28, "120", "120", "120", "120", "2000"));

        assertThat(assessment.flagCodes()).containsExactly("price_gap", "missing_bars", "volume_spike");
        assertThat(assessment.missingBars()).isEqualTo(3);
        assertThat(assessment.qualityScore()).hasToString("0.60");
        assertThat(assessment.validated()).isFalse();
    }

    @Test
    void scoreSubtractsPenaltiesWithTwoDecimalsAndClampsAtZero() {
        Assessment drought = Assessment.of(java.util.Set.of(VOLUME_DROUGHT), 0, new BigDecimal("0.85"));
        assertThat(drought.qualityScore()).hasToString("0.85");
        assertThat(drought.validated()).isTrue();

        Assessment spikeAndMissing = Assessment.of(java.util.Set.of(VOLUME_SPIKE, MISSING_BARS), 1,
                new BigDecimal("0.85"));
        assertThat(spikeAndMissing.qualityScore()).hasToString("0.80");
        assertThat(spikeAndMissing.validated()).isFalse();

        Assessment everything = Assessment.of(java.util.EnumSet.allOf(QualityFlag.class), 3, new BigDecimal("0.85"));
        assertThat(everything.qualityScore()).hasToString("0.00");
        assertThat(everything.flagCodes()).containsExactly("ohlc_invalid", "extreme_move", "price_gap",
                "missing_bars", "volume_spike", "volume_drought");
    }

    @Test
    void theValidatedThresholdIsConfigurable() {
        ValidationThresholds strict = new ValidationThresholds(d("0.5"), d("1.0"), d("0.10"), d("10"), d("0.1"), 20,
                d("0.95"));
        SeriesValidator validator = new SeriesValidator(Timeframe.ONE_HOUR, ContinuousCalendar.crypto(), strict,
                flatHistory(20, "100"));

        Assessment spike = validator.assess(bar(20, "100", "100", "100", "100", "5000"));

        assertThat(spike.qualityScore()).hasToString("0.90");
        assertThat(spike.validated()).isFalse();
    }

    private static SeriesValidator fresh() {
        return new SeriesValidator(Timeframe.ONE_HOUR, ContinuousCalendar.crypto(), ValidationThresholds.DEFAULTS,
                List.of());
    }

    private static java.util.Set<QualityFlag> flagsOf(Bar bar) {
        return fresh().assess(bar).flags();
    }

    private static java.util.Set<QualityFlag> flagsAfter(Bar previous, Bar bar) {
        SeriesValidator validator = fresh();
        validator.assess(previous);
        return validator.assess(bar).flags();
    }

    private static java.util.Set<QualityFlag> flagsWithHistory(List<Bar> history, String volume) {
        return new SeriesValidator(Timeframe.ONE_HOUR, ContinuousCalendar.crypto(), ValidationThresholds.DEFAULTS,
                history).assess(bar(history.size(), "100", "100", "100", "100", volume)).flags();
    }

    private static List<Bar> flatHistory(int size, String volume) {
        List<Bar> history = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            history.add(bar(i, "100", "100", "100", "100", volume));
        }
        return history;
    }

    private static Bar bar(int hour, String open, String high, String low, String close, String volume) {
        return new Bar(T0.plusSeconds(3600L * hour), d(open), d(high), d(low), d(close), d(volume), null, null);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
