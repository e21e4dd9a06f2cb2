package io.mdw.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QualityApiTest extends ApiTestSupport {

    /** Known as the bar reads know a symbol: tracked or with bars; quality rows alone do not make it known. */
    @Test
    void aSymbolHasAReportWhenTrackedOrWithBars() {
        insertSymbol("QTRACKED", "stock");
        insertBar("X:QBARSUSD", "1d", Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS),
                "10", "11", "9", "10", "5", "0.95");
        // a day whose bars were all rejected, of a symbol never tracked
        jdbc.update("""
                INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                           gaps_detected, anomalies_detected, gap_detected_records, expected_records)
                VALUES ('X:QREJECTEDUSD', '1d', current_date - 1, 0, 0, 3, 0, 0, 0, 1)
                """);

        JsonNode tracked = json(client.get().uri("/api/v1/data/quality/QTRACKED").exchange().expectStatus().isOk());
        assertThat(tracked.get("daily_metrics")).isEmpty();
        JsonNode withBars = json(client.get().uri("/api/v1/data/quality/X:QBARSUSD").exchange().expectStatus().isOk());
        assertThat(withBars.get("daily_metrics")).hasSize(1);

        problem(client.get().uri("/api/v1/data/quality/X:QREJECTEDUSD").exchange(), 404, "Unknown symbol 'X:QREJECTEDUSD'");
        problem(client.get().uri("/api/v1/historical/X:QREJECTEDUSD?start=2024-01-01&end=2024-01-02").exchange(), 404,
                "Unknown symbol 'X:QREJECTEDUSD'");
    }
}
