package io.mdw.api.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

class SymbolAdminApiTest extends ApiTestSupport {

    @Test
    void aSymbolOnlyLoadedFromAFileIsTrackedWhenAdded() {
        // what ./mdw import records: the symbol and its class, not tracked
        jdbc.update("INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, active)"
                + " VALUES ('FILEONLY', 'stock', 'FILEONLY', '{}', false)");

        JsonNode created = json(admin(HttpMethod.POST, "/api/v1/admin/symbols",
                Map.of("symbol", "FILEONLY", "timeframes", List.of("1d"))).expectStatus().isCreated());

        assertThat(created.get("active").booleanValue()).isTrue();
        assertThat(created.get("timeframes").get(0).stringValue()).isEqualTo("1d");
    }

    @Test
    void aSymbolIsNeverActiveWithoutATimeframeToLoad() {
        jdbc.update("INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, active)"
                + " VALUES ('FILEACT', 'stock', 'FILEACT', '{}', false)");

        problem(admin(HttpMethod.PUT, "/api/v1/admin/symbols/FILEACT", Map.of("active", true)), 400,
                "FILEACT would be active with no timeframe to load; give its timeframes too");
        assertThat(jdbc.queryForObject("SELECT active FROM symbols WHERE symbol = 'FILEACT'", Boolean.class)).isFalse();

        JsonNode activated = json(admin(HttpMethod.PUT, "/api/v1/admin/symbols/FILEACT",
                Map.of("active", true, "timeframes", List.of("1d"))).expectStatus().isOk());
        assertThat(activated.get("active").booleanValue()).isTrue();
        problem(admin(HttpMethod.PUT, "/api/v1/admin/symbols/FILEACT/timeframes", Map.of("timeframes", List.of())), 400,
                "At least one timeframe is required");
        problem(admin(HttpMethod.PUT, "/api/v1/admin/symbols/NOSUCH", Map.of("active", true)), 404, "NOSUCH");
    }

    @Test
    void aSymbolOnlyLoadedFromAFileKeepsItsRecordedClassWhenAddedWithoutOne() {
        jdbc.update("INSERT INTO symbols (symbol, asset_class, provider_ticker, timeframes, active)"
                + " VALUES ('FILEETF', 'etf', 'FILEETF', '{}', false)");

        JsonNode created = json(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "FILEETF"))
                .expectStatus().isCreated());

        assertThat(created.get("asset_class").stringValue()).isEqualTo("etf");
    }

    @Test
    void aSymbolAddedWithoutAnAssetClassTakesTheOneItsTickerImplies() {
        JsonNode crypto = json(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "X:BTCUSD"))
                .expectStatus().isCreated());
        assertThat(crypto.get("asset_class").stringValue()).isEqualTo("crypto");
        JsonNode forex = json(admin(HttpMethod.POST, "/api/v1/admin/symbols",
                Map.of("symbol", "EURUSD", "provider_ticker", "C:EURUSD")).expectStatus().isCreated());
        assertThat(forex.get("asset_class").stringValue()).isEqualTo("forex");

        JsonNode fetched = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/X:BTCUSD", null).expectStatus().isOk());
        assertThat(fetched.get("asset_class").stringValue()).isEqualTo("crypto");
        assertThat(fetched.get("timeframes").get(0).stringValue()).isEqualTo("1d");
    }

    @Test
    void addListChangeAndDeactivateASymbol() {
        JsonNode created = json(admin(HttpMethod.POST, "/api/v1/admin/symbols",
                Map.of("symbol", "spy", "asset_class", "etf", "timeframes", List.of("1d", "1h"), "history_start", "2020-01-02"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/v1/admin/symbols/SPY"));
        assertThat(created.get("symbol").stringValue()).isEqualTo("SPY");
        assertThat(created.get("asset_class").stringValue()).isEqualTo("etf");
        assertThat(created.get("provider_ticker").stringValue()).isEqualTo("SPY");
        assertThat(created.get("timeframes")).hasSize(2);
        assertThat(created.get("history_start").stringValue()).isEqualTo("2020-01-02");
        assertThat(created.get("active").booleanValue()).isTrue();

        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "SPY")), 409, "already tracked");

        JsonNode list = json(admin(HttpMethod.GET, "/api/v1/admin/symbols", null).expectStatus().isOk());
        assertThat(list.get("symbols").valueStream().map(s -> s.get("symbol").stringValue())).contains("SPY");

        JsonNode timeframes = json(admin(HttpMethod.PUT, "/api/v1/admin/symbols/SPY/timeframes",
                Map.of("timeframes", List.of("5m"))).expectStatus().isOk());
        assertThat(timeframes.get("timeframes").get(0).stringValue()).isEqualTo("5m");

        JsonNode changed = json(admin(HttpMethod.PUT, "/api/v1/admin/symbols/SPY",
                Map.of("provider_ticker", "SPY.X")).expectStatus().isOk());
        assertThat(changed.get("provider_ticker").stringValue()).isEqualTo("SPY.X");
        assertThat(changed.get("asset_class").stringValue()).isEqualTo("etf");

        JsonNode deactivated = json(admin(HttpMethod.DELETE, "/api/v1/admin/symbols/SPY", null).expectStatus().isOk());
        assertThat(deactivated.get("active").booleanValue()).isFalse();
        JsonNode fetched = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/spy", null).expectStatus().isOk());
        assertThat(fetched.get("active").booleanValue()).isFalse();
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "SPY")), 409,
                "Symbol SPY is deactivated; PUT /api/v1/admin/symbols/SPY {\"active\": true} reactivates it");
    }

    @Test
    void aHistoryStartIsADateFrom1900ToTodayAndReadsBackAsGiven() {
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "ZZHIST", "history_start", "1000-01-01")),
                400, "history_start 1000-01-01 is before 1900-01-01; the warehouse holds no history before it");
        JsonNode created = json(admin(HttpMethod.POST, "/api/v1/admin/symbols",
                Map.of("symbol", "ZZHIST", "history_start", "1900-01-01")).expectStatus().isCreated());
        assertThat(created.get("history_start").stringValue()).isEqualTo("1900-01-01");

        for (String before1900 : List.of("1899-12-31", "0001-01-01", "-5000-01-01")) {
            problem(admin(HttpMethod.PUT, "/api/v1/admin/symbols/ZZHIST",
                    Map.of("history_start", before1900, "timeframes", List.of("1d"))), 400, "is before 1900-01-01");
        }

        JsonNode fetched = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/ZZHIST", null).expectStatus().isOk());
        assertThat(fetched.get("history_start").stringValue()).isEqualTo("1900-01-01");
        assertThat(jdbc.queryForObject("SELECT history_start::text FROM symbols WHERE symbol = 'ZZHIST'", String.class))
                .isEqualTo("1900-01-01");
    }

    @Test
    void badSymbolRequestsSayWhatToFix() {
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "A B")), 400, "Invalid symbol 'A B'");
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "OK", "asset_class", "bond")), 400,
                "valid asset classes are stock, etf, crypto, forex");
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "OK", "timeframes", List.of("2h"))), 400,
                "Invalid timeframes: ['2h']");
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "OK", "history_start", "01/02/2020")), 400,
                "history_start");
        problem(admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "OK", "history_start", "2999-01-01")),
                400, "history_start 2999-01-01 is after today");
        problem(admin(HttpMethod.GET, "/api/v1/admin/symbols/NOTRACKED", null), 404, "not tracked");
        problem(admin(HttpMethod.PUT, "/api/v1/admin/symbols/NOTRACKED/timeframes", Map.of("timeframes", List.of("1d"))),
                404, "not tracked");
        problem(admin(HttpMethod.PUT, "/api/v1/admin/symbols/OK/timeframes", Map.of()), 400, "'timeframes' is required");
    }
}
