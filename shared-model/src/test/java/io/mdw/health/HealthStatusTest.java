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

    @ParameterizedTest(name = "last load failed {0}, {1} bars behind, quality {2}: {3}")
    @CsvSource({
            "false, 0, 0.950, HEALTHY",
            "false, 0, 0.901, HEALTHY",
            "false, 0, 0.900, WARNING",
            "false, 1, 0.950, WARNING",
            "false, 2, 0.950, STALE",
            "false, 2, 0.700, STALE",
            "true, 0, 0.950, ERROR",
            "true, 9, 0.700, ERROR"})
    void enrichmentByLastLoadBarsBehindAndQuality(boolean lastLoadFailed, long barsBehind, BigDecimal quality,
                                                  HealthStatus expected) {
        assertThat(HealthStatus.ofEnrichment(lastLoadFailed, new SymbolLag(barsBehind), quality)).isEqualTo(expected);
    }

    @Test
    void enrichmentWithAMissingSeriesIsStaleUnlessTheLastLoadFailed() {
        assertThat(HealthStatus.ofEnrichment(false, MISSING, new BigDecimal("0.950"))).isEqualTo(HealthStatus.STALE);
        assertThat(HealthStatus.ofEnrichment(true, MISSING, new BigDecimal("0.950"))).isEqualTo(HealthStatus.ERROR);
    }

    @Test
    void nothingLoadedIsNotEnrichedUnlessTheLoadFailed() {
        assertThat(HealthStatus.ofNothingLoaded(false).code()).isEqualTo("not_enriched");
        assertThat(HealthStatus.ofNothingLoaded(true).code()).isEqualTo("error");
    }
}
