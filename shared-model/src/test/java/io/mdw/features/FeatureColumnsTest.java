package io.mdw.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureColumnsTest {

    /** Every feature different, so that a value under another column's name shows. */
    private static final BarFeatures FEATURES = new BarFeatures(0.01, 0.02, 0.03, 0.04, 1.05, 1.06e9, 101.07, 102.08,
            103.09, 104.1, 0.11, 0.12, 61.13, 2.14, 0.15, 0.16, 105.17, 97.18, 1.19e6, 0.2, TrendDirection.DOWN,
            MarketStructure.RANGE, 1.23, 2.24);

    /** A database row: each column by name; records which columns were read. */
    private static final class Row implements FeatureColumns.ColumnReader<Map<String, Object>, RuntimeException> {
        final List<String> read = new ArrayList<>();

        @Override
        public Double number(Map<String, Object> row, String column) {
            read.add(column);
            return (Double) row.get(column);
        }

        @Override
        public String text(Map<String, Object> row, String column) {
            read.add(column);
            return (String) row.get(column);
        }
    }

    @Test
    void theFeaturesWrittenToTheStoredColumnsAreReadBackFromThem() {
        Map<String, Object> row = storedRow(FEATURES);
        Row columns = new Row();

        assertThat(FeatureColumns.read(row, columns)).isEqualTo(FEATURES);
        assertThat(columns.read).containsExactlyInAnyOrderElementsOf(FeatureColumns.STORED);
    }

    @Test
    void thePublishedColumnsAloneGiveTheFeaturesWithoutTheWilderState() {
        Map<String, Object> row = storedRow(FEATURES);
        row.keySet().retainAll(FeatureColumns.PUBLISHED);
        Row columns = new Row();

        BarFeatures published = FeatureColumns.readPublished(row, columns);

        assertThat(published.rsiAvgGain()).isNull();
        assertThat(published.rsiAvgLoss()).isNull();
        assertThat(published).usingRecursiveComparison().ignoringFields("rsiAvgGain", "rsiAvgLoss").isEqualTo(FEATURES);
        assertThat(columns.read).containsExactlyInAnyOrderElementsOf(FeatureColumns.PUBLISHED);
    }

    @Test
    void nullColumnsAreNullFeaturesAndAnUnknownCodeIsRefused() {
        BarFeatures none = new BarFeatures(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(FeatureColumns.read(storedRow(none), new Row())).isEqualTo(none);

        Map<String, Object> row = storedRow(FEATURES);
        row.put("trend_direction", "sideways");
        assertThatThrownBy(() -> FeatureColumns.read(row, new Row()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown trend direction 'sideways'");
    }

    private static Map<String, Object> storedRow(BarFeatures features) {
        Object[] values = FeatureColumns.values(features);
        assertThat(values).hasSameSizeAs(FeatureColumns.STORED);
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(FeatureColumns.STORED.get(i), values[i]);
        }
        return row;
    }
}
