package io.mdw.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * A symbol is as healthy as its worst series, in both reports that rate symbols. Crypto, whose calendar has no
 * closures, so bars behind follow from the clock alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SymbolHealthApiTest extends ApiTestSupport {

    private Instant today;
    private Instant thisHour;

    @BeforeAll
    void warehouse() {
        // read once the application runs (not when this instance is made, before it starts), so that the clock can
        // cross midnight between the bars written here and the answers checked only within this class's second or so
        today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // tracked for 1d and 1h: daily bars stopped ten days ago (9 behind), hourly up to the last complete hour
        track("X:MIXUSD", "1d", "1h");
        for (int ago = 1; ago <= 3; ago++) {
            insertBar("X:MIXUSD", "1d", today.minus(ago + 9, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
            insertBar("X:MIXUSD", "1h", thisHour.minus(ago, ChronoUnit.HOURS), "10", "11", "9", "10", "5", "0.95");
        }
        // tracked for 1d, fresh; 5m bars imported once from a file ten days ago
        track("X:ONEOFFUSD", "1d");
        for (int ago = 1; ago <= 3; ago++) {
            insertBar("X:ONEOFFUSD", "1d", today.minus(ago, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
            insertBar("X:ONEOFFUSD", "5m", today.minus(10, ChronoUnit.DAYS).plus(5L * ago, ChronoUnit.MINUTES),
                    "10", "11", "9", "10", "5", "0.95");
        }
        // 1h just added to its timeframes: no hourly bar loaded yet
        track("X:NEWTFUSD", "1d", "1h");
        for (int ago = 1; ago <= 3; ago++) {
            insertBar("X:NEWTFUSD", "1d", today.minus(ago, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
        }
        // fresh hourly bars, a quarter of them below the validated threshold, averaging 0.95
        track("X:WORSEUSD", "1h");
        for (int ago = 1; ago <= 4; ago++) {
            insertBar("X:WORSEUSD", "1h", thisHour.minus(ago, ChronoUnit.HOURS), "10", "11", "9", "10", "5",
                    ago == 1 ? "0.80" : "1.00", ago == 1 ? new String[] {"price_gap"} : new String[0]);
        }
        // not tracked (bars written without a symbols row): the same two series as X:MIXUSD
        for (int ago = 1; ago <= 3; ago++) {
            insertBar("X:FILEUSD", "1d", today.minus(ago + 9, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
            insertBar("X:FILEUSD", "1h", thisHour.minus(ago, ChronoUnit.HOURS), "10", "11", "9", "10", "5", "0.95");
        }
    }

    @Test
    void aStaleSeriesMakesTheSymbolStaleHoweverFreshTheOthers() {
        JsonNode detail = detailOf("X:MIXUSD");
        assertThat(detail.get("status").stringValue()).isEqualTo("stale");
        assertThat(detail.get("bars_behind").longValue()).isEqualTo(9);
        assertThat(detail.get("records").longValue()).isEqualTo(6);
        assertThat(detail.get("validation_rate").doubleValue()).isEqualTo(100.0);
        assertThat(codes(detail.get("timeframes"))).containsExactly("1d", "1h");

        JsonNode status = enrichmentStatusOf("X:MIXUSD");
        assertThat(status.get("status").stringValue()).isEqualTo("stale");
        assertThat(status.get("bars_behind").longValue()).isEqualTo(9);
        assertThat(status.get("quality_score").decimalValue()).isEqualByComparingTo("0.95");
        assertThat(codes(status.get("timeframes_available"))).containsExactly("1d", "1h");
    }

    @Test
    void aTrackedSymbolIsJudgedOnItsTrackedTimeframesNotAOneOffImport() {
        JsonNode detail = detailOf("X:ONEOFFUSD");
        assertThat(detail.get("status").stringValue()).isEqualTo("healthy");
        assertThat(detail.get("bars_behind").longValue()).isZero();
        assertThat(codes(detail.get("timeframes"))).containsExactly("1d", "5m");

        JsonNode status = enrichmentStatusOf("X:ONEOFFUSD");
        assertThat(status.get("status").stringValue()).isEqualTo("healthy");
        assertThat(status.get("bars_behind").longValue()).isZero();
    }

    @Test
    void aTrackedTimeframeWithoutBarsMakesTheSymbolStaleWithNoCount() {
        JsonNode detail = detailOf("X:NEWTFUSD");
        assertThat(detail.get("status").stringValue()).isEqualTo("stale");
        assertThat(detail.get("bars_behind").isNull()).isTrue();
        assertThat(codes(detail.get("timeframes"))).containsExactly("1d");

        JsonNode status = enrichmentStatusOf("X:NEWTFUSD");
        assertThat(status.get("status").stringValue()).isEqualTo("stale");
        assertThat(status.get("bars_behind").isNull()).isTrue();
    }

    @Test
    void anUntrackedSymbolIsJudgedOnEverySeriesItHolds() {
        JsonNode detail = detailOf("X:FILEUSD");
        assertThat(detail.get("status").stringValue()).isEqualTo("stale");
        assertThat(detail.get("bars_behind").longValue()).isEqualTo(9);

        JsonNode status = enrichmentStatusOf("X:FILEUSD");
        assertThat(status.get("status").stringValue()).isEqualTo("stale");
        assertThat(status.get("bars_behind").longValue()).isEqualTo(9);
    }

    @Test
    void aSymbolWithAQuarterOfItsBarsNotValidatedIsStaleInBothReports() {
        JsonNode detail = detailOf("X:WORSEUSD");
        assertThat(detail.get("validation_rate").decimalValue()).isEqualByComparingTo("75");
        assertThat(detail.get("status").stringValue()).isEqualTo("stale");

        JsonNode status = enrichmentStatusOf("X:WORSEUSD");
        assertThat(status.get("quality_score").decimalValue()).isEqualByComparingTo("0.95");
        assertThat(status.get("status").stringValue()).isEqualTo("stale");
    }

    private void track(String symbol, String... timeframes) {
        admin(HttpMethod.POST, "/api/v1/admin/symbols",
                Map.of("symbol", symbol, "asset_class", "crypto", "timeframes", List.of(timeframes)))
                .expectStatus().isCreated();
    }

    private JsonNode detailOf(String symbol) {
        JsonNode detailed = json(client.get().uri("/api/v1/symbols/detailed").exchange().expectStatus().isOk());
        return detailed.get("symbols").valueStream().filter(n -> symbol.equals(n.get("symbol").stringValue()))
                .findFirst().orElseThrow();
    }

    private JsonNode enrichmentStatusOf(String symbol) {
        return json(client.get().uri("/api/v1/enrichment/status/" + symbol).exchange().expectStatus().isOk());
    }

    private static List<String> codes(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }
}
