package io.mdw.pipeline;

import io.mdw.calendar.ContinuousCalendar;
import io.mdw.features.BarFeatures;
import io.mdw.features.FeatureCalculator;
import io.mdw.market.Bar;
import io.mdw.market.RawBar;
import io.mdw.market.SampleBars;
import io.mdw.market.Timeframe;
import io.mdw.quality.ValidationThresholds;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesPipelineTest {

    private static final Instant WINDOW_START = Instant.parse("2023-03-13T18:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2023-03-16T00:00:00Z");
    private static final String T0 = "1678730400000"; // 2023-03-13T18:00:00Z
    private static final String T1 = "1678730700000"; // 18:05

    private final List<RawBar> sample = SampleBars.raw();

    @Test
    void theTimeOfAnItemIsReadAsThePipelineReadsIt() {
        assertThat(SeriesPipeline.timeOf(new RawBar("1709251200000", null, null, null, null, null, null, null)))
                .contains(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(SeriesPipeline.timeOf(new RawBar("1.7092512E12", null, null, null, null, null, null, null)))
                .contains(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(SeriesPipeline.timeOf(new RawBar("soon", null, null, null, null, null, null, null))).isEmpty();
        assertThat(SeriesPipeline.timeOf(new RawBar(" ", null, null, null, null, null, null, null))).isEmpty();
        assertThat(SeriesPipeline.timeOf(new RawBar("1.5", null, null, null, null, null, null, null))).isEmpty();
    }

    @Test
    void acceptedBarsKeepTheProviderTextAndCarryAssessmentAndFeatures() {
        SeriesPipeline pipeline = pipeline(List.of(), null);
        FeatureCalculator independent = new FeatureCalculator();

        for (RawBar raw : sample) {
            ProcessedItem item = pipeline.process(raw);
            assertThat(item).as(raw.toString()).isInstanceOf(Accepted.class);
            Accepted accepted = (Accepted) item;
            Bar bar = accepted.bar();
            assertThat(bar.time().toEpochMilli()).isEqualTo(Long.parseLong(raw.t()));
            assertThat(bar.open()).hasToString(raw.o());
            assertThat(bar.high()).hasToString(raw.h());
            assertThat(bar.low()).hasToString(raw.l());
            assertThat(bar.close()).hasToString(raw.c());
            assertThat(bar.volume()).hasToString(raw.v());
            assertThat(accepted.assessment().qualityScore()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
            assertThat(accepted.features()).isEqualTo(independent.next(bar));
        }
        Accepted withTrailingZero = (Accepted) pipeline(List.of(), null)
                .process(new RawBar(T0, "1677.0", "1677.50", "1676", "1677.0", "0.10", "1677.2", "42"));
        assertThat(withTrailingZero.bar().open()).hasToString("1677.0");
        assertThat(withTrailingZero.bar().open().scale()).isEqualTo(1);
        assertThat(withTrailingZero.bar().high()).hasToString("1677.50");
        assertThat(withTrailingZero.bar().vwap()).isEqualByComparingTo("1677.2");
        assertThat(withTrailingZero.bar().tradeCount()).isEqualTo(42L);
    }

    @Test
    void missingRequiredFieldsAreRejected() {
        assertThat(reasonFor(new RawBar(T0, "1", "1", "1", null, "1", null, null))).isEqualTo("missing field 'c'");
        assertThat(reasonFor(new RawBar(null, "1", "1", "1", "1", "1", null, null))).isEqualTo("missing field 't'");
        assertThat(reasonFor(new RawBar(T0, "1", "1", "1", "1", "", null, null))).isEqualTo("missing field 'v'");
    }

    @Test
    void aRowOfATextFileIsRejectedWithItsLineNumberAndKeptAsItStandsInTheFile() {
        String text = "2023-03-13,1,abc,1,1,1";
        Rejected rejected = (Rejected) pipeline(List.of(), null).process(new RawBar(T0, "1", "abc", "1", "1", "1",
                null, null, new RawBar.SourceLine(7, text, null)));

        assertThat(rejected.reason()).isEqualTo("line 7: field 'h' is not numeric: 'abc'");
        assertThat(rejected.raw().line().text()).isEqualTo(text);
    }

    @Test
    void aRowThatCouldNotBeSplitIntoColumnsIsRejectedWithWhy() {
        Rejected rejected = (Rejected) pipeline(List.of(), null)
                .process(RawBar.unreadable(3, "1,2,3", "3 fields, expected 6"));

        assertThat(rejected.reason()).isEqualTo("line 3: 3 fields, expected 6");
        assertThat(rejected.time()).isNull();
        assertThat(rejected.raw().line().text()).isEqualTo("1,2,3");
    }

    @Test
    void aRejectedItemWithAReadableTimestampKeepsItsTime() {
        Rejected rejected = (Rejected) pipeline(List.of(), null)
                .process(new RawBar(T0, "1", "1", "1", null, "1", null, null));

        assertThat(rejected.time()).isEqualTo(WINDOW_START);
    }

    @Test
    void emptyOptionalCellsAreAbsent() {
        Accepted accepted = (Accepted) pipeline(List.of(), null)
                .process(new RawBar(T0, "10", "11", "9", "10.5", "3", "", " "));

        assertThat(accepted.bar().vwap()).isNull();
        assertThat(accepted.bar().tradeCount()).isNull();
    }

    @Test
    void nonNumericAndNonFiniteValuesAreRejected() {
        assertThat(reasonFor(new RawBar(T0, "1", "abc", "1", "1", "1", null, null)))
                .isEqualTo("field 'h' is not numeric: 'abc'");
        assertThat(reasonFor(new RawBar(T0, "NaN", "1", "1", "1", "1", null, null)))
                .isEqualTo("field 'o' is not a finite number: NaN");
        assertThat(reasonFor(new RawBar(T0, "1", "1", "1", "1", "Infinity", null, null)))
                .isEqualTo("field 'v' is not a finite number: Infinity");
        assertThat(reasonFor(new RawBar(T0, "1", "1", "1", "1e400", "1", null, null)))
                .isEqualTo("field 'c' is out of range: 1e400");
        assertThat(reasonFor(new RawBar(T0, "1", "1", "1", "1", "1", "x", null)))
                .isEqualTo("field 'vw' is not numeric: 'x'");
        assertThat(reasonFor(new RawBar(T0, "1", "1", "1", "1", "1", null, "2.5")))
                .isEqualTo("field 'n' is not an integer trade count: 2.5");
    }

    @Test
    void unreadableTimestampsAreRejectedWithoutATime() {
        Rejected fractional = (Rejected) pipeline(List.of(), null)
                .process(new RawBar("1678730400000.5", "1", "1", "1", "1", "1", null, null));
        Rejected text = (Rejected) pipeline(List.of(), null)
                .process(new RawBar("yesterday", "1", "1", "1", "1", "1", null, null));

        assertThat(fractional.reason())
                .isEqualTo("field 't' is not an integer epoch-millisecond timestamp: '1678730400000.5'");
        assertThat(fractional.time()).isNull();
        assertThat(text.reason()).isEqualTo("field 't' is not numeric: 'yesterday'");
        assertThat(text.time()).isNull();
    }

    @Test
    void negativeVolumeIsRejected() {
        Rejected rejected = (Rejected) pipeline(List.of(), null)
                .process(new RawBar(T0, "1", "1", "1", "1", "-0.5", null, null));

        assertThat(rejected.reason()).isEqualTo("negative volume: -0.5");
        assertThat(rejected.time()).isEqualTo(WINDOW_START);
    }

    @Test
    void barsAProviderSentOutsideTheWindowItWasAskedForAreRejected() {
        assertThat(reasonFor(new RawBar("1678730100000", "1", "1", "1", "1", "1", null, null))).isEqualTo(
                "timestamp 2023-03-13T17:55:00Z outside the requested window [2023-03-13T18:00:00Z, 2023-03-16T00:00:00Z)");
        assertThat(reasonFor(new RawBar(String.valueOf(WINDOW_END.toEpochMilli()), "1", "1", "1", "1", "1", null,
                null))).isEqualTo(
                "timestamp 2023-03-16T00:00:00Z outside the requested window [2023-03-13T18:00:00Z, 2023-03-16T00:00:00Z)");
    }

    /** mdw backfill --source sample --from 2023-03-14 --to 2023-03-14: the sample's other days are not its faults. */
    @Test
    void barsOfAFileOutsideTheWindowAreSkippedWithoutTouchingTheSeries() {
        Instant dayStart = Instant.parse("2023-03-14T00:00:00Z");
        Instant dayEnd = Instant.parse("2023-03-15T00:00:00Z");
        SeriesPipeline oneDay = new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(),
                ValidationThresholds.DEFAULTS, dayStart, dayEnd, OutsideWindow.SKIPPED, List.of(), null);

        List<ProcessedItem> items = sample.stream().map(oneDay::process).toList();

        List<Instant> skipped = items.stream().filter(Skipped.class::isInstance).map(item -> ((Skipped) item).time())
                .toList();
        List<Accepted> accepted = items.stream().filter(Accepted.class::isInstance).map(Accepted.class::cast).toList();
        assertThat(items).noneMatch(Rejected.class::isInstance);
        assertThat(accepted).hasSize(288).allMatch(a -> !a.bar().time().isBefore(dayStart)
                && a.bar().time().isBefore(dayEnd));
        assertThat(skipped).hasSize(72 + 220).noneMatch(time -> !time.isBefore(dayStart) && time.isBefore(dayEnd));
        // the day's first bar follows no bar: the skipped ones before it were never part of the series
        assertThat(accepted.get(0).features().ret1()).isNull();
        assertThat(accepted.get(0).assessment().flags()).isEmpty();
    }

    @Test
    void aRowOfAFileOutsideTheWindowIsSkippedWhateverElseIsWrongWithItButNotARowWithoutATime() {
        SeriesPipeline pipeline = new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(),
                ValidationThresholds.DEFAULTS, WINDOW_START, WINDOW_END, OutsideWindow.SKIPPED, List.of(), null);

        assertThat(pipeline.process(new RawBar("1678730100000", "1", "x", "1", "1", "-5", null, null)))
                .isEqualTo(new Skipped(Instant.parse("2023-03-13T17:55:00Z")));
        assertThat(pipeline.process(new RawBar("soon", "1", "1", "1", "1", "1", null, null)))
                .isInstanceOf(Rejected.class);
        assertThat(pipeline.process(RawBar.unreadable(4, "1,2", "2 fields, expected 6"))).isInstanceOf(Rejected.class);
    }

    /** CSV's t = 1678730400, the sample's first bar in seconds, stored at 1970-01-20T10:18:50.400Z before. */
    @Test
    void aTimeNotOnAWholeMinuteIsRejectedWithTheLikelyCause() {
        RawBar first = sample.get(0);
        String inSeconds = String.valueOf(Long.parseLong(first.t()) / 1000);
        SeriesPipeline wholeWarehouse = new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(),
                ValidationThresholds.DEFAULTS, Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("3000-01-01T00:00:00Z"), OutsideWindow.SKIPPED, List.of(), null);

        Rejected seconds = (Rejected) wholeWarehouse.process(new RawBar(inSeconds, first.o(), first.h(), first.l(),
                first.c(), first.v(), first.vw(), first.n()));
        Rejected halfMinute = (Rejected) wholeWarehouse.process(new RawBar("1678730430000", first.o(), first.h(),
                first.l(), first.c(), first.v(), first.vw(), first.n()));

        assertThat(seconds.reason()).isEqualTo("starts at 1970-01-20T10:18:50.400Z, not on a whole minute"
                + " (a time in seconds where milliseconds are expected?)");
        assertThat(seconds.time()).isEqualTo(Instant.parse("1970-01-20T10:18:50.400Z"));
        // read as seconds it would be in the year 55166: no hint
        assertThat(halfMinute.reason()).isEqualTo("starts at 2023-03-13T18:00:30Z, not on a whole minute");
        assertThat(wholeWarehouse.process(first)).isInstanceOf(Accepted.class);
    }

    /** A file read without a window is read over the years the warehouse holds: a time beyond them is no bar of it. */
    @Test
    void aTimeOutsideTheWarehouseYearsIsRejected() {
        SeriesPipeline unbounded = new SeriesPipeline(Timeframe.ONE_DAY, ContinuousCalendar.crypto(),
                ValidationThresholds.DEFAULTS, null, null, OutsideWindow.SKIPPED, List.of(), null);

        assertThat(((Rejected) unbounded.process(new RawBar("-2208988860000", "1", "1", "1", "1", "1", null, null)))
                .reason()).isEqualTo("timestamp 1899-12-31T23:59:00Z is outside the years 1900 to 2999 the warehouse"
                + " holds");
        assertThat(unbounded.process(new RawBar("-2208988800000", "1", "1", "1", "1", "1", null, null)))
                .isInstanceOf(Accepted.class);
        assertThat(((Rejected) unbounded.process(new RawBar("32503680000000", "1", "1", "1", "1", "1", null, null)))
                .reason()).isEqualTo("timestamp 3000-01-01T00:00:00Z is outside the years 1900 to 2999 the warehouse"
                + " holds");
    }

    @Test
    void duplicateAndOutOfOrderTimestampsAreRejectedAndDoNotAdvanceTheSeries() {
        SeriesPipeline pipeline = pipeline(List.of(), null);
        assertThat(pipeline.process(new RawBar(T1, "100", "101", "99", "100", "5", null, null)))
                .isInstanceOf(Accepted.class);

        Rejected duplicate = (Rejected) pipeline.process(new RawBar(T1, "100", "101", "99", "100", "5", null, null));
        Rejected earlier = (Rejected) pipeline.process(new RawBar(T0, "100", "101", "99", "100", "5", null, null));
        Rejected broken = (Rejected) pipeline.process(new RawBar("1678731000000", "500", "501", "499", "x", "5", null,
                null));
        Accepted next = (Accepted) pipeline.process(new RawBar("1678731000000", "101", "101", "100", "101", "5",
                null, null));

        assertThat(duplicate.reason()).isEqualTo(
                "duplicate or out-of-order timestamp 2023-03-13T18:05:00Z (previous bar at 2023-03-13T18:05:00Z)");
        assertThat(earlier.reason()).startsWith("duplicate or out-of-order timestamp 2023-03-13T18:00:00Z");
        assertThat(broken.time()).isEqualTo(Instant.parse("2023-03-13T18:10:00Z"));
        assertThat(next.features().ret1()).isEqualTo(101.0 / 100.0 - 1);
        assertThat(next.assessment().flags()).isEmpty();
    }

    @Test
    void rejectsKeepTheRawItem() {
        RawBar raw = new RawBar(T0, "1", "1", "1", "1", "-3", null, null);

        Rejected rejected = (Rejected) pipeline(List.of(), null).process(raw);

        assertThat(rejected.raw()).isSameAs(raw);
    }

    @Test
    void anIncrementalRunSeededFromHistoryMatchesAFullRun() {
        List<Bar> bars = SampleBars.bars();
        List<Accepted> full = new ArrayList<>();
        SeriesPipeline fullPipeline = pipeline(List.of(), null);
        sample.forEach(raw -> full.add((Accepted) fullPipeline.process(raw)));

        int split = 300;
        List<Bar> history = bars.subList(0, split);
        BarFeatures lastFeatures = full.get(split - 1).features();
        SeriesPipeline incremental = new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(),
                ValidationThresholds.DEFAULTS, bars.get(split).time(), WINDOW_END, OutsideWindow.REJECTED, history,
                lastFeatures);

        assertThat(incremental.process(sample.get(split - 1))).isInstanceOf(Rejected.class);
        for (int i = split; i < sample.size(); i++) {
            Accepted accepted = (Accepted) incremental.process(sample.get(i));
            assertThat(accepted).as("bar " + i).isEqualTo(full.get(i));
        }
    }

    @Test
    void aPipelineSeededWithTheHistoryItNeedsFlagsAndComputesAsAFullRun() {
        ValidationThresholds d = ValidationThresholds.DEFAULTS;
        // a spike is any volume above the median of the 100 bars before: the rule needs 100 bars of history
        ValidationThresholds wideVolumeWindow = new ValidationThresholds(d.extremeMove(), d.extremeRange(),
                d.priceGap(), BigDecimal.ONE, d.volumeDroughtMultiple(), 100, d.validatedScore());
        assertThat(SeriesPipeline.historyNeeded(d)).isEqualTo(FeatureCalculator.LOOKBACK);
        assertThat(SeriesPipeline.historyNeeded(wideVolumeWindow)).isEqualTo(100);

        List<Bar> bars = SampleBars.bars();
        SeriesPipeline fullPipeline = new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(),
                wideVolumeWindow, WINDOW_START, WINDOW_END, OutsideWindow.REJECTED, List.of(), null);
        List<Accepted> full = sample.stream().map(raw -> (Accepted) fullPipeline.process(raw)).toList();
        int split = 300;
        List<Bar> seed = bars.subList(split - SeriesPipeline.historyNeeded(wideVolumeWindow), split);
        SeriesPipeline resumed = new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(),
                wideVolumeWindow, bars.get(split).time(), WINDOW_END, OutsideWindow.REJECTED, seed,
                full.get(split - 1).features());

        for (int i = split; i < sample.size(); i++) {
            assertThat(resumed.process(sample.get(i))).as("bar " + i).isEqualTo(full.get(i));
        }
    }

    @Test
    void aMissingBarInTheFeedIsFlagged() {
        SeriesPipeline pipeline = pipeline(List.of(), null);
        pipeline.process(new RawBar(T0, "100", "101", "99", "100", "5", null, null));

        Accepted afterGap = (Accepted) pipeline.process(new RawBar("1678731000000", "100", "101", "99", "100", "5",
                null, null));

        assertThat(afterGap.assessment().flagCodes()).containsExactly("missing_bars");
        assertThat(afterGap.assessment().missingBars()).isEqualTo(1);
        assertThat(afterGap.assessment().qualityScore()).isEqualByComparingTo(new BigDecimal("0.90"));
    }

    private String reasonFor(RawBar raw) {
        ProcessedItem item = pipeline(List.of(), null).process(raw);
        assertThat(item).isInstanceOf(Rejected.class);
        return ((Rejected) item).reason();
    }

    private static SeriesPipeline pipeline(List<Bar> history, BarFeatures lastFeatures) {
        return new SeriesPipeline(Timeframe.FIVE_MINUTES, ContinuousCalendar.crypto(), ValidationThresholds.DEFAULTS,
                WINDOW_START, WINDOW_END, OutsideWindow.REJECTED, history, lastFeatures);
    }
}
