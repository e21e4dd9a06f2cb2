package io.mdw.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthStatusTest {

    private static final SymbolLag MISSING = new SymbolLag(null);

    @ParameterizedTest(name = "{0} bars behind, {1}% validated: {2}")
    @CsvSource({
            "0, 100.00, HEALTHY",
            "0, 95.00, HEALTHY",
            "0, 94.99, WARNING",
            "0, 85.00, WARNING",
            "0, 84.99, STALE",
            "1, 100.00, WARNING",
            "1, 84.99, STALE",
            "2, 100.00, STALE",
            "9, 100.00, STALE"})
    void storedDataByBarsBehindAndValidationRate(long barsBehind, BigDecimal validationRate, HealthStatus expected) {
        assertThat(HealthStatus.ofStoredData(new SymbolLag(barsBehind), validationRate))
                .isEqualTo(expected);
    }

    @Test
    void storedDataWithAMissingSeriesIsStale() {
        assertThat(HealthStatus.ofStoredData(MISSING, new BigDecimal("100.00"))).isEqualTo(HealthStatus.STALE);
    }

    @ParameterizedTest(name = "last load failed {0}, {1} bars behind, quality {2}, {3}% validated: {4}")
    @CsvSource({
            "false, 0, 0.950, 100.00, HEALTHY",
            "false, 0, 0.901, 100.00, HEALTHY",
            "false, 0, 0.900, 100.00, WARNING",
            "false, 1, 0.950, 100.00, WARNING",
            "false, 2, 0.950, 100.00, STALE",
            "false, 2, 0.700, 100.00, STALE",
            // a quarter of the bars not validated: what /symbols/detailed says, never healthy
            "false, 0, 0.950, 75.00, STALE",
            "false, 0, 0.950, 90.00, WARNING",
            "true, 0, 0.950, 100.00, ERROR",
            "true, 9, 0.700, 50.00, ERROR"})
    void enrichmentByLastLoadBarsBehindQualityAndValidationRate(boolean lastLoadFailed, long barsBehind,
                                                                BigDecimal quality, BigDecimal validationRate,
                                                                HealthStatus expected) {
        assertThat(HealthStatus.ofEnrichment(lastLoadFailed, new SymbolLag(barsBehind), quality, validationRate))
                .isEqualTo(expected);
    }

    @Test
    void enrichmentWithAMissingSeriesIsStaleUnlessTheLastLoadFailed() {
        BigDecimal all = new BigDecimal("100.00");
        assertThat(HealthStatus.ofEnrichment(false, MISSING, new BigDecimal("0.950"), all)).isEqualTo(HealthStatus.STALE);
        assertThat(HealthStatus.ofEnrichment(true, MISSING, new BigDecimal("0.950"), all)).isEqualTo(HealthStatus.ERROR);
    }

    @Test
    void nothingLoadedIsNotEnrichedUnlessTheLoadFailed() {
        assertThat(HealthStatus.ofNothingLoaded(false).code()).isEqualTo("not_enriched");
        assertThat(HealthStatus.ofNothingLoaded(true).code()).isEqualTo("error");
    }
}
