package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;

/** A misspelt or repeated query parameter is refused, naming what the endpoint takes, instead of quietly ignored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictQueryParametersTest extends ApiTestSupport {

    private static final String RANGE = "start=2024-03-04&end=2024-03-05";

    @BeforeAll
    void storeBars() {
        insertSymbol("STRQ", "stock");
        insertSymbol("STRR", "stock");
        for (String symbol : new String[] {"STRQ", "STRR"}) {
            insertBar(symbol, "1d", Instant.parse("2024-03-04T05:00:00Z"), "10", "11", "9", "10.5", "1000", "0.95");
        }
    }

    @Test
    void aMisspeltParameterIsRefusedWithTheOnesTheEndpointTakes() {
        problem(client.get().uri("/api/v1/historical/STRQ?timefame=5m&" + RANGE).exchange(), 400,
                "Unknown parameter 'timefame'; this endpoint takes timeframe, start, end, validated_only, min_quality,"
                        + " include_features, limit, cursor, format");
        problem(client.get().uri("/api/v1/bars?symbols=STRQ&min_qualty=0.99&" + RANGE).exchange(), 400,
                "Unknown parameter 'min_qualty'; this endpoint takes symbols, timeframe, start");
        problem(request(HttpMethod.GET, "/api/v1/enrichment/jobs?status=failed", ADMIN_KEY, null), 400,
                "Unknown parameter 'status'; this endpoint takes limit");
        problem(client.get().uri("/api/v1/status?verbose=true").exchange(), 400,
                "Unknown parameter 'verbose'; this endpoint takes no query parameters");
    }

    @Test
    void aParameterOfOneValueIsRefusedWhenRepeated() {
        problem(client.get().uri("/api/v1/historical/STRQ?timeframe=5m&timeframe=1h&" + RANGE).exchange(), 400,
                "Parameter 'timeframe' is given 2 times; give it once");
    }

    @Test
    void parametersOfSeveralValuesMayRepeat() {
        assertThat(json(client.get().uri("/api/v1/bars?symbols=STRQ&symbols=STRR&" + RANGE).exchange()
                .expectStatus().isOk()).get("count").intValue()).isEqualTo(2);
        assertThat(json(client.get().uri("/api/v1/bars?symbols=STRQ,STRR&" + RANGE).exchange()
                .expectStatus().isOk()).get("count").intValue()).isEqualTo(2);
    }

    @Test
    void aRefusedRequestCountsInTheMetricsUnderItsRoute() {
        String route = "/api/v1/historical/{symbol}";
        long before = requestsCounted("GET", route, 400);
        problem(client.get().uri("/api/v1/historical/STRQ?timefame=5m&" + RANGE).exchange(), 400,
                "Unknown parameter 'timefame'; this endpoint takes timeframe, start, end, validated_only, min_quality,"
                        + " include_features, limit, cursor, format");
        // the request's observation ends as its answer is sent: the scrape may come first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requestsCounted("GET", route, 400))
                .as("400s of GET %s in the scrape", route).isEqualTo(before + 1));
    }

    @Test
    void aNumberTooLargeForItsTypeIsOutOfRangeRatherThanNotANumber() {
        problem(client.get().uri("/api/v1/historical/STRQ?limit=99999999999999999999&" + RANGE).exchange(), 400,
                "Invalid value '99999999999999999999' for 'limit': too large, at most 2147483647");
        problem(client.get().uri("/api/v1/enrichment/jobs?limit=-2147483649").exchange(), 400,
                "Invalid value '-2147483649' for 'limit': too small, at least -2147483648");
        // the value is cut short in the answer, not echoed whole
        problem(client.get().uri("/api/v1/historical/STRQ?min_quality=1" + "0".repeat(5000) + "&" + RANGE).exchange(),
                400, "'min_quality' must be between 0 and 1; got " + "1" + "0".repeat(39) + "…");
    }

    /** Spring takes an empty value as none, its default: limit= would quietly mean the default limit. */
    @Test
    void aParameterGivenWithoutAValueIsRefused() {
        for (String uri : List.of("/api/v1/enrichment/jobs?limit=", "/api/v1/data/quality/STRQ?days=",
                "/api/v1/historical/STRQ?limit=&" + RANGE, "/api/v1/historical/STRQ?validated_only=&" + RANGE)) {
            String name = uri.substring(uri.indexOf('?') + 1, uri.indexOf('='));
            problem(client.get().uri(uri).exchange(), 400, "Parameter '" + name + "' is given without a value; give "
                    + "one or leave the parameter out for its default");
        }
        // a list's empty value is one of its entries, empty: refused as symbols=STRQ, is
        problem(client.get().uri("/api/v1/bars?symbols=STRQ&symbols=&" + RANGE).exchange(), 400,
                "Parameter 'symbols' holds an empty entry at position 2");
    }
}
