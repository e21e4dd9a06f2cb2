package io.mdw.features;

import io.mdw.market.Bar;
import io.mdw.market.SampleBars;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class FeatureCalculatorTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private final List<Bar> bars = SampleBars.bars();

    @Test
    void everyFeatureOfEveryBarMatchesTheNaiveReference() throws ReflectiveOperationException {
        NaiveFeatures reference = new NaiveFeatures(bars);
        List<BarFeatures> computed = fullRun(bars);

        int compared = 0;
        for (int i = 0; i < bars.size(); i++) {
            BarFeatures expected = reference.at(i);
            BarFeatures actual = computed.get(i);
            for (RecordComponent component : BarFeatures.class.getRecordComponents()) {
                Object want = component.getAccessor().invoke(expected);
                Object got = component.getAccessor().invoke(actual);
                String where = "bar " + i + " " + component.getName();
                if (want instanceof Double wanted && got instanceof Double actualValue) {
                    assertClose(where, actualValue, wanted);
                    compared++;
                } else {
                    assertThat(got).as(where).isEqualTo(want);
                }
            }
        }
        assertThat(compared).isGreaterThan(500 * 20);
    }

    @Test
    void featuresAppearOnceThereIsEnoughHistory() {
        List<BarFeatures> computed = fullRun(bars);

        assertThat(computed.get(0).ret1()).isNull();
        assertThat(computed.get(0).trueRange()).isNull();
        assertThat(computed.get(0).rangePct()).isNotNull();
        assertThat(computed.get(3).trendDirection()).isNull();
        assertThat(computed.get(4).trendDirection()).isNotNull();
        assertThat(computed.get(13).rsi14()).isNull();
        assertThat(computed.get(14).rsi14()).isNotNull();
        assertThat(computed.get(14).atr14()).isNotNull();
        assertThat(computed.get(19).sma20()).isNotNull();
        assertThat(computed.get(19).volatility20()).isNull();
        assertThat(computed.get(19).marketStructure()).isNull();
        assertThat(computed.get(20).volatility20()).isNotNull();
        assertThat(computed.get(20).marketStructure()).isNotNull();
        assertThat(computed.get(25).macd()).isNotNull();
        assertThat(computed.get(32).macdSignal()).isNull();
        assertThat(computed.get(33).macdSignal()).isNotNull();
        assertThat(computed.get(49).volatility50()).isNull();
        assertThat(computed.get(50).volatility50()).isNotNull();
        for (RecordComponent component : BarFeatures.class.getRecordComponents()) {
            assertThat(componentValue(component, computed.get(bars.size() - 1))).as(component.getName()).isNotNull();
        }
    }

    @Test
    void resumingAtEverySplitPointGivesExactlyTheFullRunFeatures() {
        List<BarFeatures> full = fullRun(bars);

        for (int split = 1; split < bars.size(); split++) {
            List<Bar> history = bars.subList(Math.max(0, split - FeatureCalculator.LOOKBACK), split);
            BarFeatures lastFeatures = split >= FeatureCalculator.LOOKBACK ? full.get(split - 1) : null;
            FeatureCalculator resumed = FeatureCalculator.resume(history, lastFeatures);
            for (int i = split; i < bars.size(); i++) {
                BarFeatures next = resumed.next(bars.get(i));
                if (!next.equals(full.get(i))) {
                    fail("split " + split + ", bar " + i + ": " + next + " != " + full.get(i));
                }
            }
        }
    }

    @Test
    void resumingAfterAFullLookbackNeedsTheStoredFeatures() {
        List<Bar> history = bars.subList(0, FeatureCalculator.LOOKBACK);

        assertThatThrownBy(() -> FeatureCalculator.resume(history, null)).isInstanceOf(NullPointerException.class);
        BarFeatures early = fullRun(bars.subList(0, 1)).get(0);
        assertThatThrownBy(() -> FeatureCalculator.resume(history, early))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ema12");
    }

    @Test
    void flatSeriesHasRsiOfHundredAndNoVolumeRatioWithoutVolume() {
        FeatureCalculator calculator = new FeatureCalculator();
        BarFeatures last = null;
        for (int i = 0; i < 30; i++) {
            BigDecimal price = BigDecimal.TEN;
            last = calculator.next(new Bar(Instant.EPOCH.plusSeconds(60L * i), price, price, price, price,
                    BigDecimal.ZERO, null, null));
        }

        assertThat(last.rsi14()).isEqualTo(100.0);
        assertThat(last.volumeSma20()).isZero();
        assertThat(last.volumeRatio20()).isNull();
        assertThat(last.trendDirection()).isEqualTo(TrendDirection.NEUTRAL);
        assertThat(last.marketStructure()).isEqualTo(MarketStructure.RANGE);
        assertThat(last.volatility20()).isZero();
        assertThat(TrendDirection.UP.code()).isEqualTo("up");
        assertThat(MarketStructure.BULLISH.code()).isEqualTo("bullish");
    }

    @Test
    void aFeatureIsNullWhereAZeroCloseOrAZeroVolumeLeavesItUndefined() {
        List<Bar> series = new ArrayList<>(bars.subList(0, 120));
        for (int i = 0; i < 20; i++) {
            series.set(i, withVolume(series.get(i), BigDecimal.ZERO));
        }
        // kept by the pipeline, flagged ohlc_invalid
        Bar zeroClose = series.get(30);
        series.set(30, new Bar(zeroClose.time(), zeroClose.open(), zeroClose.high(), BigDecimal.ZERO, BigDecimal.ZERO,
                zeroClose.volume(), null, null));

        List<BarFeatures> computed = fullRun(series);

        assertEveryFeatureNullOrFinite(computed);
        assertThat(computed.get(19).volumeSma20()).isZero();
        assertThat(computed.get(19).volumeRatio20()).isNull();
        assertThat(computed.get(20).volumeRatio20()).isEqualTo(20.0);
        assertThat(computed.get(30).ret1()).isEqualTo(-1.0);
        assertThat(computed.get(30).logRet1()).isNull();
        assertThat(computed.get(30).rangePct()).isNull();
        assertThat(computed.get(30).dollarVolume()).isZero();
        assertThat(computed.get(31).ret1()).isNull();
        assertThat(computed.get(31).logRet1()).isNull();
        assertThat(computed.get(31).gapPct()).isNull();
        assertThat(computed.get(31).trueRange()).isNotNull();
        assertThat(computed.get(32).ret1()).isNotNull();
        // the undefined returns of bars 30 and 31 leave the volatility undefined while they are in its window
        assertThat(computed.get(29).volatility20()).isNotNull();
        assertThat(computed.subList(30, 51)).extracting(BarFeatures::volatility20).containsOnlyNulls();
        assertThat(computed.get(51).volatility20()).isNotNull();
        assertThat(computed.subList(50, 81)).extracting(BarFeatures::volatility50).containsOnlyNulls();
        assertThat(computed.get(81).volatility50()).isNotNull();
    }

    @Test
    void aFeatureBeyondTheRangeOfADoubleIsNull() {
        FeatureCalculator calculator = new FeatureCalculator();
        List<BarFeatures> computed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // the pipeline accepts numbers up to 300 digits before the point
            BigDecimal price = new BigDecimal(i % 2 == 0 ? "1e299" : "1e298");
            computed.add(calculator.next(new Bar(Instant.EPOCH.plusSeconds(60L * i), price, price, price, price,
                    new BigDecimal("1e299"), null, null)));
        }

        assertEveryFeatureNullOrFinite(computed);
        BarFeatures last = computed.get(29);
        assertThat(last.dollarVolume()).isNull();
        assertThat(last.bbUpper20()).isNull();
        assertThat(last.bbLower20()).isNull();
        assertThat(last.sma20()).isNotNull();
        assertThat(last.volatility20()).isNotNull();
    }

    private static void assertEveryFeatureNullOrFinite(List<BarFeatures> computed) {
        for (int i = 0; i < computed.size(); i++) {
            for (RecordComponent component : BarFeatures.class.getRecordComponents()) {
                if (componentValue(component, computed.get(i)) instanceof Double value) {
                    assertThat(value).as("bar " + i + " " + component.getName()).isFinite();
                }
            }
        }
    }

    private static Bar withVolume(Bar bar, BigDecimal volume) {
        return new Bar(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), volume, bar.vwap(), bar.tradeCount());
    }

    private static List<BarFeatures> fullRun(List<Bar> bars) {
        FeatureCalculator calculator = new FeatureCalculator();
        List<BarFeatures> features = new ArrayList<>();
        bars.forEach(bar -> features.add(calculator.next(bar)));
        return features;
    }

    private static void assertClose(String where, double actual, double expected) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        if (Math.abs(actual - expected) > RELATIVE_TOLERANCE * scale && Math.abs(actual - expected) > 1e-15) {
            fail(where + ": expected " + expected + " but was " + actual);
        }
    }

    private static Object componentValue(RecordComponent component, BarFeatures features) {
        try {
            return component.getAccessor().invoke(features);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
