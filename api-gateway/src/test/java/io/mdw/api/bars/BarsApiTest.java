package io.mdw.api.bars;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.mdw.api.ApiTestSupport;
import io.mdw.features.FeatureColumns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BarsApiTest extends ApiTestSupport {

    private static final String ETH = "X:ETHUSD";
    private static final String ETH_PATH = "/api/v1/historical/X:ETHUSD";
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final List<SampleBars> sample = SampleBars.load();

    @LocalServerPort
    int port;

    @BeforeAll
    void loadSample() {
        insertSymbol(ETH, "crypto");
        for (SampleBars bar : sample) {
            insertBar(ETH, "5m", bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
                    new BigDecimal("1.00"));
        }
        insertSymbol("QLTY", "stock");
        Instant day = Instant.parse("2024-03-04T05:00:00Z");
        insertBar("QLTY", "1d", day, "10", "11", "9", "10.5", "1000", "0.95");
        insertBar("QLTY", "1d", day.plus(1, ChronoUnit.DAYS), "10.5", "30", "9", "25", "1000", "0.50", "extreme_move", "price_gap");
        insertBar("QLTY", "1d", day.plus(2, ChronoUnit.DAYS), "25", "26", "24", "25.5", "1000", "0.90", "volume_spike");
        jdbc.update("INSERT INTO bar_features (symbol, timeframe, time, sma_20, rsi_14, trend_direction) VALUES (?, ?, ?, ?, ?, ?)",
                "QLTY", "1d", Timestamp.from(day), 10.25, 55.5, "up");
    }

    @Test
    void historicalServesTheRecordedBarsExactly() {
        JsonNode body = getJson(ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false");

        assertThat(body.get("symbol").stringValue()).isEqualTo(ETH);
        assertThat(body.get("timeframe").stringValue()).isEqualTo("5m");
        assertThat(body.get("start_date").stringValue()).isEqualTo("2023-03-13");
        assertThat(body.get("end_date").stringValue()).isEqualTo("2023-03-15");
        assertThat(body.get("count").intValue()).isEqualTo(580);
        assertThat(body.get("next").isNull()).isTrue();
        JsonNode data = body.get("data");
        assertThat(data).hasSize(580);
        for (int i = 0; i < sample.size(); i++) {
            SampleBars expected = sample.get(i);
            JsonNode bar = data.get(i);
            assertThat(Instant.parse(bar.get("time").stringValue())).isEqualTo(expected.time());
            assertThat(bar.get("open").decimalValue()).isEqualTo(expected.open());
            assertThat(bar.get("high").decimalValue()).isEqualTo(expected.high());
            assertThat(bar.get("low").decimalValue()).isEqualTo(expected.low());
            assertThat(bar.get("close").decimalValue()).isEqualTo(expected.close());
            assertThat(bar.get("volume").decimalValue()).isEqualTo(expected.volume());
        }
        assertThat(data.get(0).get("time").stringValue()).isEqualTo("2023-03-13T18:00:00Z");
        assertThat(data.get(0).has("quality_score")).isTrue();
        assertThat(data.get(0).has("validated")).isTrue();
        assertThat(data.get(0).has("gap_detected")).isTrue();
        assertThat(data.get(0).has("volume_anomaly")).isTrue();
        assertThat(data.get(0).has("validation_notes")).isTrue();
        assertThat(data.get(0).get("source").stringValue()).isEqualTo("test");
    }

    @Test
    void historicalDefaultsToValidatedBarsOfQualityAtLeast085() {
        JsonNode body = getJson("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06");
        assertThat(body.get("timeframe").stringValue()).isEqualTo("1d");
        assertThat(body.get("count").intValue()).isEqualTo(2);
        assertThat(body.get("data").get(1).get("volume_anomaly").booleanValue()).isTrue();
        assertThat(body.get("data").get(1).get("validation_notes").stringValue()).isEqualTo("volume_spike");

        JsonNode all = getJson("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06&validated_only=false");
        assertThat(all.get("count").intValue()).isEqualTo(3);
        assertThat(all.get("data").get(1).get("gap_detected").booleanValue()).isTrue();

        JsonNode strict = getJson("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06&min_quality=0.92");
        assertThat(strict.get("count").intValue()).isEqualTo(1);
    }

    /** The old service's consumers spelled parameters as its framework (FastAPI, pydantic) read them. */
    @Test
    void theOldServicesSpellingsOfParametersReadTheSame() {
        String range = "/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06";
        for (String no : List.of("f", "F", "n", "no", "off", "0", "False")) {
            assertThat(getJson(range + "&validated_only=" + no).get("count").intValue()).as(no).isEqualTo(3);
        }
        for (String yes : List.of("t", "T", "y", "yes", "on", "1", "True")) {
            assertThat(getJson(range + "&validated_only=" + yes).get("count").intValue()).as(yes).isEqualTo(2);
        }
        assertThat(getJson(range + "&min_quality=92e-2").get("count").intValue()).isEqualTo(1);
        assertThat(getJson(range + "&min_quality=9.2E-1").get("count").intValue()).isEqualTo(1);
        assertThat(getJson(range + "&min_quality=1e-999").get("count").intValue()).isEqualTo(3);
        // an exponent of more digits would be a number too long to hold or print
        for (String huge : List.of("1e999999999", "1e-20000", "1e1000")) {
            assertProblem(range + "&min_quality=" + huge, 400, "Invalid value '" + huge + "' for 'min_quality': expected"
                    + " a number in digits 0-9, such as 0.85 or 85e-2 (an exponent of at most three digits)");
        }

        // a trailing slash is redirected to the path without it, the query kept
        client.get().uri("/api/v1/historical/QLTY/?start=2024-03-04&end=2024-03-06&validated_only=false").exchange()
                .expectStatus().isEqualTo(308)
                .expectHeader().location("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06&validated_only=false");
        client.get().uri("/api/v1/symbols/").exchange()
                .expectStatus().isEqualTo(308).expectHeader().location("/api/v1/symbols");
        String encoded = "/api/v1/historical/X%3AETHUSD?timeframe=5m&start=2023-03-13T00:00:00%2B00:00&end=2023-03-15";
        client.get().uri(asSent(encoded.replace("?", "/?"))).exchange()
                .expectStatus().isEqualTo(308).expectHeader().location(encoded);
        // never to another host, nor to a path the API refuses without the slash
        for (String unplain : List.of("//evil.example.com/", "/api/v1/status//", "/api/v1/status/../symbols/")) {
            client.get().uri(asSent(unplain)).exchange().expectStatus().isBadRequest()
                    .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // nor for a request the API refuses as it is
        client.get().uri("/api/v1/symbols/").header(HttpHeaders.EXPECT, "teapot").exchange()
                .expectStatus().isEqualTo(417).expectHeader().doesNotExist(HttpHeaders.LOCATION);
        client.get().uri(asSent("/api/v1/historical/QLTY%09/?start=2024-03-04&end=2024-03-06")).exchange()
                .expectStatus().isBadRequest().expectHeader().doesNotExist(HttpHeaders.LOCATION);
        // the key is checked before: a redirect only for a request the path without the slash would take
        client.get().uri("/api/v1/admin/api-keys/").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/v1/admin/api-keys/").header("X-API-Key", ADMIN_KEY).exchange()
                .expectStatus().isEqualTo(308).expectHeader().location("/api/v1/admin/api-keys");
    }

    @Test
    void featuresAreAddedOnRequest() {
        JsonNode body = getJson("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-04&include_features=true");
        JsonNode features = body.get("data").get(0).get("features");
        assertThat(features.get("sma_20").doubleValue()).isEqualTo(10.25);
        assertThat(features.get("rsi_14").doubleValue()).isEqualTo(55.5);
        assertThat(features.get("trend_direction").stringValue()).isEqualTo("up");

        JsonNode without = getJson("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-04");
        assertThat(without.get("data").get(0).has("features")).isFalse();
    }

    @Test
    void csvLoadsAsATableWithTheSameValues() throws Exception {
        String csv = client.get().uri(ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false")
                .accept(new MediaType("text", "csv"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();

        List<Map<String, String>> rows = readCsv(csv);
        assertThat(rows).hasSize(580);
        for (int i = 0; i < sample.size(); i++) {
            assertThat(Instant.parse(rows.get(i).get("time"))).isEqualTo(sample.get(i).time());
            assertThat(new BigDecimal(rows.get(i).get("open"))).isEqualTo(sample.get(i).open());
            assertThat(new BigDecimal(rows.get(i).get("close"))).isEqualTo(sample.get(i).close());
            assertThat(new BigDecimal(rows.get(i).get("volume"))).isEqualTo(sample.get(i).volume());
        }

        String viaParameter = client.get().uri(ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false&format=csv")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(viaParameter).isEqualTo(csv);
    }

    @Test
    void csvHasTheColumnsOfTheJsonBarsWithTheSameValues() throws Exception {
        String range = "/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06&validated_only=false";
        JsonNode json = getJson(range).get("data");
        List<Map<String, String>> csv = readCsv(client.get().uri(range + "&format=csv").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(csv).hasSize(json.size());
        for (int i = 0; i < csv.size(); i++) {
            assertThat(csv.get(i).keySet()).containsAll(json.get(i).propertyNames());
            assertThat(csv.get(i).get("validation_notes"))
                    .isEqualTo(json.get(i).get("validation_notes").isNull() ? "" : json.get(i).get("validation_notes").stringValue());
        }
        assertThat(csv.get(1).get("validation_notes")).contains("extreme_move").contains("price_gap");
    }

    @Test
    void csvWithFeaturesHasFeatureColumns() throws Exception {
        String csv = client.get().uri("/api/v1/historical/QLTY?start=2024-03-04&end=2024-03-06&format=csv&include_features=true")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<Map<String, String>> rows = readCsv(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("sma_20")).isEqualTo("10.25");
        assertThat(rows.get(1).get("sma_20")).isEmpty();
    }

    @Test
    void everyPublishedFeatureIsServedUnderItsColumnNameAndTheWilderStateIsNot() throws Exception {
        Instant day = Instant.parse("2024-03-04T05:00:00Z");
        insertSymbol("FEAT", "stock");
        insertBar("FEAT", "1d", day, "10", "11", "9", "10.5", "1000", "1.00");
        // a different value in every column, so that one served under another's name shows
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String column : FeatureColumns.PUBLISHED) {
            stored.put(column, stored.size() + 0.25);
        }
        stored.put("trend_direction", "down");
        stored.put("market_structure", "range");
        stored.put("rsi_avg_gain", 1.5);
        stored.put("rsi_avg_loss", 2.5);
        jdbc.update("INSERT INTO bar_features (symbol, timeframe, time, " + String.join(", ", stored.keySet())
                + ") VALUES ('FEAT', '1d', ?" + ", ?".repeat(stored.size()) + ")",
                Stream.concat(Stream.of(Timestamp.from(day)), stored.values().stream()).toArray());
        stored.remove("rsi_avg_gain");
        stored.remove("rsi_avg_loss");

        JsonNode features = getJson("/api/v1/historical/FEAT?start=2024-03-04&end=2024-03-04&include_features=true")
                .get("data").get(0).get("features");
        Map<String, String> csv = readCsv(client.get()
                .uri("/api/v1/historical/FEAT?start=2024-03-04&end=2024-03-04&include_features=true&format=csv")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).get(0);

        assertThat(features.propertyNames()).containsExactlyElementsOf(stored.keySet());
        stored.forEach((column, value) -> {
            assertThat(features.get(column).isNumber() ? (Object) features.get(column).doubleValue()
                    : features.get(column).stringValue()).as(column).isEqualTo(value);
            assertThat(csv.get(column)).as(column).isEqualTo(value.toString());
        });
        assertThat(csv).doesNotContainKeys("rsi_avg_gain", "rsi_avg_loss");
    }

    @Test
    void anUndefinedValueIsServedAsNullInEveryFormatNeverAsNaN() throws Exception {
        Instant zeroClose = Instant.parse("2024-03-04T14:00:00Z");
        Instant next = zeroClose.plus(1, ChronoUnit.MINUTES);
        Instant notANumber = next.plus(1, ChronoUnit.MINUTES);
        insertSymbol("X:NANUSD", "crypto");
        insertBar("X:NANUSD", "1m", zeroClose, "10", "10", "0", "0", "5", "0.50", "ohlc_invalid");
        insertBar("X:NANUSD", "1m", next, "10", "11", "9", "10.5", "5", "1.00");
        insertBar("X:NANUSD", "1m", notANumber, "10", "11", "9", "10.5", "5", "1.00");
        // what the features of a bar after a zero close were, before they were null where undefined
        jdbc.update("INSERT INTO bar_features (symbol, timeframe, time, ret_1, log_ret_1, volatility_20, sma_20)"
                + " VALUES ('X:NANUSD', '1m', ?, 'Infinity', '-Infinity', 'NaN', 10.25)", Timestamp.from(next));
        // NUMERIC holds NaN and infinities too: none is a JSON or CSV number
        jdbc.update("UPDATE bars SET close = 'NaN', volume = 'Infinity', vwap = '-Infinity' WHERE symbol = 'X:NANUSD'"
                + " AND time = ?", Timestamp.from(notANumber));
        String uri = "/api/v1/historical/X:NANUSD?timeframe=1m&start=2024-03-04&end=2024-03-04&validated_only=false"
                + "&include_features=true";

        JsonNode json = getJson(uri).get("data");
        List<JsonNode> ndjson = client.get().uri(uri).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .lines().map(EXACT::readTree).toList();
        List<Map<String, String>> csv = readCsv(client.get().uri(uri + "&format=csv").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        for (List<JsonNode> bars : List.of(json.valueStream().toList(), ndjson)) {
            JsonNode features = bars.get(1).get("features");
            for (String undefined : List.of("ret_1", "log_ret_1", "volatility_20")) {
                assertThat(features.get(undefined).isNull()).as(undefined).isTrue();
            }
            assertThat(features.get("sma_20").doubleValue()).isEqualTo(10.25);
            for (String undefined : List.of("close", "volume", "vwap")) {
                assertThat(bars.get(2).get(undefined).isNull()).as(undefined).isTrue();
            }
            assertThat(bars.get(2).get("open").decimalValue()).isEqualTo("10");
        }
        assertThat(csv.get(1)).containsEntry("ret_1", "").containsEntry("log_ret_1", "").containsEntry("volatility_20", "")
                .containsEntry("sma_20", "10.25");
        assertThat(csv.get(2)).containsEntry("close", "").containsEntry("volume", "").containsEntry("vwap", "")
                .containsEntry("open", "10");

        // resampled with features: the 14:00 bucket ends on the NaN close; the bars around it keep their features
        insertBar("X:NANUSD", "1m", zeroClose.minus(5, ChronoUnit.MINUTES), "10", "11", "9", "10", "5", "1.00");
        insertBar("X:NANUSD", "1m", zeroClose.plus(5, ChronoUnit.MINUTES), "10", "12", "9", "11", "5", "1.00");
        JsonNode resampled = getJson(uri.replace("timeframe=1m", "timeframe=5m")).get("data");
        assertThat(resampled.valueStream().map(bar -> bar.get("time").stringValue()))
                .containsExactly("2024-03-04T13:55:00Z", "2024-03-04T14:00:00Z", "2024-03-04T14:05:00Z");
        assertThat(resampled.get(1).get("close").isNull()).isTrue();
        assertThat(resampled.get(1).get("features").valueStream()).allMatch(JsonNode::isNull);
        // its return is over the 13:55 bar, the last one with a close
        assertThat(resampled.get(2).get("features").get("ret_1").doubleValue()).isEqualTo(11.0 / 10 - 1);
    }

    @Test
    void aClientThatAsksForGzipGetsTheSameAnswerCompressed() throws Exception {
        // the JDK's client, which leaves the answer as sent (the test client's may decompress it on its own)
        HttpClient http = HttpClient.newHttpClient();
        String uri = "http://localhost:" + port + ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15"
                + "&validated_only=false";
        for (String format : List.of("", "&format=csv", "&format=ndjson")) {
            HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(uri + format)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(URI.create(uri + format))
                    .header(HttpHeaders.ACCEPT_ENCODING, "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(plain.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).as(format).isEmpty();
            assertThat(gzipped.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).as(format).hasValue("gzip");
            try (var unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertThat(unzipped.readAllBytes()).as(format).isEqualTo(plain.body());
            }
            assertThat(gzipped.body().length).as(format).isLessThan(plain.body().length / 3);
        }
    }

    @Test
    void ndjsonHasOneBarPerLine() {
        String ndjson = client.get().uri(ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false")
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(580);
        JsonNode first = EXACT.readTree(lines.get(0));
        assertThat(first.get("open").decimalValue()).isEqualTo(sample.get(0).open());
    }

    @Test
    void coarserTimeframeIsAggregatedLikeAnIndependentAggregation() {
        JsonNode body = getJson(ETH_PATH + "?timeframe=1h&start=2023-03-13&end=2023-03-15&validated_only=false&limit=1000");

        Map<Instant, List<SampleBars>> byHour = sample.stream().collect(Collectors.groupingBy(
                bar -> bar.time().truncatedTo(ChronoUnit.HOURS), LinkedHashMap::new, Collectors.toList()));
        JsonNode data = body.get("data");
        assertThat(data).hasSize(byHour.size());
        int i = 0;
        for (Map.Entry<Instant, List<SampleBars>> hour : byHour.entrySet()) {
            List<SampleBars> bars = hour.getValue();
            JsonNode bar = data.get(i++);
            assertThat(Instant.parse(bar.get("time").stringValue())).isEqualTo(hour.getKey());
            assertThat(bar.get("open").decimalValue()).isEqualTo(bars.get(0).open());
            assertThat(bar.get("close").decimalValue()).isEqualTo(bars.get(bars.size() - 1).close());
            assertThat(bar.get("high").decimalValue())
                    .isEqualByComparingTo(bars.stream().map(SampleBars::high).reduce(BigDecimal::max).orElseThrow());
            assertThat(bar.get("low").decimalValue())
                    .isEqualByComparingTo(bars.stream().map(SampleBars::low).reduce(BigDecimal::min).orElseThrow());
            assertThat(bar.get("volume").decimalValue())
                    .isEqualByComparingTo(bars.stream().map(SampleBars::volume).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(bar.get("bar_count").intValue()).isEqualTo(bars.size());
        }
    }

    @Test
    void weeklyBarsAreResampledIntoTheCalendarsWeeksFromSundayMidnight() {
        // crypto weeks start at Sunday 00:00 UTC: Saturday closes one week, Sunday opens the next
        insertSymbol("X:WEEKUSD", "crypto");
        insertBar("X:WEEKUSD", "1d", Instant.parse("2024-03-09T00:00:00Z"), "10", "12", "9", "11", "100", "0.95");
        insertBar("X:WEEKUSD", "1d", Instant.parse("2024-03-10T00:00:00Z"), "11", "15", "10", "14", "200", "0.95");
        insertBar("X:WEEKUSD", "1d", Instant.parse("2024-03-11T00:00:00Z"), "14", "16", "8", "9", "300", "0.95");
        JsonNode crypto = getJson("/api/v1/historical/X:WEEKUSD?timeframe=1w&start=2024-03-01&end=2024-03-15").get("data");
        assertThat(crypto).hasSize(2);
        assertAggregate(crypto.get(0), "2024-03-03T00:00:00Z", "10", "12", "9", "11", "100", 1);
        assertAggregate(crypto.get(1), "2024-03-10T00:00:00Z", "11", "16", "8", "9", "500", 2);

        // stock weeks start at Sunday midnight in New York, whichever side of a daylight-saving change
        insertSymbol("WEEK", "stock");
        insertBar("WEEK", "1d", Instant.parse("2024-03-08T05:00:00Z"), "20", "21", "19", "20.5", "1000", "0.95");
        insertBar("WEEK", "1d", Instant.parse("2024-03-11T04:00:00Z"), "20.5", "23", "20", "22", "3000", "0.95");
        JsonNode stock = getJson("/api/v1/historical/WEEK?timeframe=1w&start=2024-03-01&end=2024-03-15").get("data");
        assertThat(stock).hasSize(2);
        assertAggregate(stock.get(0), "2024-03-03T05:00:00Z", "20", "21", "19", "20.5", "1000", 1);
        assertAggregate(stock.get(1), "2024-03-10T05:00:00Z", "20.5", "23", "20", "22", "3000", 1);
    }

    private static void assertAggregate(JsonNode bar, String time, String open, String high, String low, String close,
                                   String volume, int barCount) {
        assertThat(bar.get("time").stringValue()).isEqualTo(time);
        assertThat(bar.get("open").decimalValue()).isEqualByComparingTo(open);
        assertThat(bar.get("high").decimalValue()).isEqualByComparingTo(high);
        assertThat(bar.get("low").decimalValue()).isEqualByComparingTo(low);
        assertThat(bar.get("close").decimalValue()).isEqualByComparingTo(close);
        assertThat(bar.get("volume").decimalValue()).isEqualByComparingTo(volume);
        assertThat(bar.get("bar_count").intValue()).isEqualTo(barCount);
    }

    @Test
    void resampledBarsGetTheFeaturesThePipelineWouldComputeForThem() {
        JsonNode data = getJson(ETH_PATH + "?timeframe=1h&start=2023-03-14&end=2023-03-15&validated_only=false"
                + "&include_features=true").get("data");

        // independently: aggregate the sample by UTC hour from its first bar, run the pipeline's calculator
        Map<Instant, List<SampleBars>> byHour = sample.stream().collect(Collectors.groupingBy(
                bar -> bar.time().truncatedTo(ChronoUnit.HOURS), LinkedHashMap::new, Collectors.toList()));
        io.mdw.features.FeatureCalculator calculator = new io.mdw.features.FeatureCalculator();
        Map<Instant, io.mdw.features.BarFeatures> expected = new LinkedHashMap<>();
        byHour.forEach((hour, bars) -> expected.put(hour, calculator.next(new io.mdw.market.Bar(hour, bars.get(0).open(),
                bars.stream().map(SampleBars::high).reduce(BigDecimal::max).orElseThrow(),
                bars.stream().map(SampleBars::low).reduce(BigDecimal::min).orElseThrow(),
                bars.get(bars.size() - 1).close(),
                bars.stream().map(SampleBars::volume).reduce(BigDecimal.ZERO, BigDecimal::add), null, null))));

        assertThat(data).hasSize(43);
        for (JsonNode bar : data) {
            io.mdw.features.BarFeatures want = expected.get(Instant.parse(bar.get("time").stringValue()));
            JsonNode got = bar.get("features");
            assertThat(got.get("sma_20").isNull() ? null : got.get("sma_20").doubleValue()).isEqualTo(want.sma20());
            assertThat(got.get("ema_26").isNull() ? null : got.get("ema_26").doubleValue()).isEqualTo(want.ema26());
            assertThat(got.get("rsi_14").isNull() ? null : got.get("rsi_14").doubleValue()).isEqualTo(want.rsi14());
            assertThat(got.get("atr_14").isNull() ? null : got.get("atr_14").doubleValue()).isEqualTo(want.atr14());
            assertThat(got.get("ret_1").isNull() ? null : got.get("ret_1").doubleValue()).isEqualTo(want.ret1());
            assertThat(got.get("trend_direction").stringValue()).isEqualTo(want.trendDirection().code());
        }
        assertThat(data.get(data.size() - 1).get("features").get("ema_26").isNull()).isFalse();
    }

    @Test
    void resampledFeaturesAfterAHoleInTheSeriesAreTheSameWhateverRangeOrPageAsksForThem() {
        insertSymbol("X:HOLEUSD", "crypto");
        // two runs of minutes two months apart: far more than the 300 five-minute bars the features warm up over
        for (Instant day : List.of(Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-03-04T00:00:00Z"))) {
            for (int minute = 0; minute < 200; minute++) {
                BigDecimal close = BigDecimal.valueOf(100 + minute * 7 % 13 + minute / 10.0);
                insertBar("X:HOLEUSD", "1m", day.plus(minute, ChronoUnit.MINUTES), close, close.add(BigDecimal.ONE),
                        new BigDecimal("99"), close, BigDecimal.valueOf(10 + minute % 5), BigDecimal.ONE);
            }
        }
        String fiveMinutes = "/api/v1/historical/X:HOLEUSD?timeframe=5m&validated_only=false&include_features=true";
        JsonNode whole = getJson(fiveMinutes + "&start=2024-01-01&end=2024-03-31").get("data");
        JsonNode march = getJson(fiveMinutes + "&start=2024-03-04&end=2024-03-31").get("data");

        assertThat(whole).hasSize(80);
        assertThat(march).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(march.get(i)).isEqualTo(whole.get(40 + i));
        }
        // the first bar after the hole has its 20-bar windows full of January's bars
        assertThat(march.get(0).get("features").get("sma_20").isNull()).isFalse();

        assertThat(barsOf(pagesFrom(fiveMinutes + "&start=2024-01-01&end=2024-03-31&limit=30")))
                .containsExactlyElementsOf(whole);
    }

    @Test
    void aSeriesStoredInTwoTimeframesReadsOverBothAndAWiderRangeNeverShowsFewerBars() {
        insertSymbol("X:TWOUSD", "crypto");
        // five-minute bars for the first two hours of March 4th, minutes for the first hour of March 5th
        for (int i = 0; i < 24; i++) {
            insertBar("X:TWOUSD", "5m", Instant.parse("2024-03-04T00:00:00Z").plus(5L * i, ChronoUnit.MINUTES),
                    "10", "12", "9", String.valueOf(10 + i % 3), "5", "1.00");
        }
        for (int i = 0; i < 60; i++) {
            insertBar("X:TWOUSD", "1m", Instant.parse("2024-03-05T00:00:00Z").plus(i, ChronoUnit.MINUTES),
                    "20", "21", "19", String.valueOf(20 + i % 4), "1", "1.00");
        }
        // and one stored hour, which its stored bar gives whatever the finer bars in it say
        insertBar("X:TWOUSD", "1h", Instant.parse("2024-03-04T01:00:00Z"), "11", "15", "8", "13", "99", "1.00");
        String path = "/api/v1/historical/X:TWOUSD?validated_only=false&timeframe=";

        JsonNode hours = getJson(path + "1h&start=2024-03-01&end=2024-03-31").get("data");
        assertThat(hours).hasSize(3);
        assertAggregate(hours.get(0), "2024-03-04T00:00:00Z", "10", "12", "9", "12", "60", 12);
        assertThat(hours.get(1).get("time").stringValue()).isEqualTo("2024-03-04T01:00:00Z");
        assertThat(hours.get(1).get("volume").decimalValue()).isEqualByComparingTo("99");
        assertThat(hours.get(1).has("bar_count")).isFalse();
        assertAggregate(hours.get(2), "2024-03-05T00:00:00Z", "20", "21", "19", "23", "60", 60);

        // a bucket holding bars of several timeframes: each bar once, those the stored hour covers in it only
        JsonNode days = getJson(path + "1d&start=2024-03-01&end=2024-03-31").get("data");
        assertThat(days).hasSize(2);
        assertAggregate(days.get(0), "2024-03-04T00:00:00Z", "10", "15", "8", "13", "159", 13);
        JsonNode week = getJson(path + "1w&start=2024-03-01&end=2024-03-31").get("data");
        assertAggregate(week.get(0), "2024-03-03T00:00:00Z", "10", "21", "8", "23", "219", 73);

        JsonNode fiveMinutes = getJson(path + "5m&start=2024-03-01&end=2024-03-31").get("data");
        JsonNode fifth = getJson(path + "5m&start=2024-03-05&end=2024-03-05").get("data");
        assertThat(fiveMinutes).hasSize(24 + 12);
        assertThat(fifth).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(fiveMinutes.get(24 + i)).isEqualTo(fifth.get(i));
        }
        assertAggregate(fifth.get(0), "2024-03-05T00:00:00Z", "20", "21", "19", "20", "5", 5);

        // features over both, the same whatever range or page asks for them
        JsonNode withFeatures = getJson(path + "5m&start=2024-03-01&end=2024-03-31&include_features=true").get("data");
        JsonNode fifthWithFeatures = getJson(path + "5m&start=2024-03-05&end=2024-03-05&include_features=true")
                .get("data");
        for (int i = 0; i < 12; i++) {
            assertThat(withFeatures.get(24 + i)).isEqualTo(fifthWithFeatures.get(i));
        }
        assertThat(fifthWithFeatures.get(0).get("features").get("sma_20").isNull()).isFalse();
        assertThat(barsOf(pagesFrom(path + "5m&start=2024-03-01&end=2024-03-31&include_features=true&limit=7")))
                .containsExactlyElementsOf(withFeatures);
    }

    @Test
    void stockBarsAreResampledIntoNewYorkDaysAcrossDaylightSaving() {
        insertSymbol("DST", "stock");
        // 2024-03-08 (EST, UTC-5) and 2024-03-11 (EDT, UTC-4): two hourly bars in each session
        insertBar("DST", "1h", Instant.parse("2024-03-08T15:00:00Z"), "1", "2", "0.5", "1.5", "10", "1.00");
        insertBar("DST", "1h", Instant.parse("2024-03-08T16:00:00Z"), "1.5", "3", "1", "2", "20", "1.00");
        insertBar("DST", "1h", Instant.parse("2024-03-11T14:00:00Z"), "2", "2.5", "1.8", "2.2", "5", "1.00");
        insertBar("DST", "1h", Instant.parse("2024-03-11T15:00:00Z"), "2.2", "2.4", "1.1", "1.2", "7.5", "1.00");

        JsonNode data = getJson("/api/v1/historical/DST?timeframe=1d&start=2024-03-01&end=2024-03-31").get("data");
        assertThat(data).hasSize(2);
        assertAggregate(data.get(0), "2024-03-08T05:00:00Z", "1", "3", "0.5", "2", "30", 2);
        assertAggregate(data.get(1), "2024-03-11T04:00:00Z", "2", "2.5", "1.1", "1.2", "12.5", 2);
    }

    @Test
    void theHourNewYorkRepeatsInTheAutumnIsTwoHourlyBarsOfAStock() {
        insertSymbol("DSTH", "stock");
        // 2023-11-05: 01:00-01:59 EDT is 05:00Z, 01:00-01:59 EST is 06:00Z; a 30-minute bar in each half hour
        for (int halfHour = 0; halfHour < 6; halfHour++) {
            insertBar("DSTH", "30m", Instant.parse("2023-11-05T04:00:00Z").plus(30L * halfHour, ChronoUnit.MINUTES),
                    "1", "2", "0.5", "1.5", String.valueOf(halfHour + 1), "1.00");
        }

        JsonNode hours = getJson("/api/v1/historical/DSTH?timeframe=1h&start=2023-11-05&end=2023-11-05"
                + "&validated_only=false").get("data");

        assertThat(hours).hasSize(3);
        assertAggregate(hours.get(0), "2023-11-05T04:00:00Z", "1", "2", "0.5", "1.5", "3", 2);
        assertAggregate(hours.get(1), "2023-11-05T05:00:00Z", "1", "2", "0.5", "1.5", "7", 2);
        assertAggregate(hours.get(2), "2023-11-05T06:00:00Z", "1", "2", "0.5", "1.5", "11", 2);
    }

    @Test
    void aResampledBarIsTheWholeBucketWhateverTheRangeAsked() {
        insertSymbol("EDGE", "stock");
        // hourly bars of Monday 2024-03-04 and Tuesday in New York; each evening's 19:00 bar falls on the next UTC day
        insertBar("EDGE", "1h", Instant.parse("2024-03-04T20:00:00Z"), "10", "11", "9", "10.5", "100", "1.00");
        insertBar("EDGE", "1h", Instant.parse("2024-03-05T00:00:00Z"), "10.5", "12", "10", "11", "50", "1.00");
        insertBar("EDGE", "1h", Instant.parse("2024-03-05T15:00:00Z"), "11", "13", "10.8", "12", "200", "1.00");
        insertBar("EDGE", "1h", Instant.parse("2024-03-06T00:00:00Z"), "12", "12.5", "7", "8", "25", "1.00");

        JsonNode month = getJson("/api/v1/historical/EDGE?timeframe=1d&start=2024-03-01&end=2024-03-31").get("data");
        assertThat(month).hasSize(2);
        assertAggregate(month.get(0), "2024-03-04T05:00:00Z", "10", "12", "9", "11", "150", 2);
        assertAggregate(month.get(1), "2024-03-05T05:00:00Z", "11", "13", "7", "8", "225", 2);

        // the UTC day of 2024-03-05 holds Monday's evening and most of Tuesday: the answer is Tuesday, whole
        for (String features : List.of("false", "true")) {
            JsonNode tuesday = getJson("/api/v1/historical/EDGE?timeframe=1d&start=2024-03-05&end=2024-03-05"
                    + "&include_features=" + features).get("data");
            assertThat(tuesday).hasSize(1);
            assertAggregate(tuesday.get(0), "2024-03-05T05:00:00Z", "11", "13", "7", "8", "225", 2);
        }
    }

    @Test
    void theQualityFilterKeepsOrDropsWholeResampledBarsByTheirOwnScore() {
        insertSymbol("X:MIXUSD", "crypto");
        // the first hour holds a bar scored 0.50 between two clean ones; the second hour is clean
        insertBar("X:MIXUSD", "5m", Instant.parse("2024-03-04T10:00:00Z"), "10", "11", "9", "10.5", "100", "1.00");
        insertBar("X:MIXUSD", "5m", Instant.parse("2024-03-04T10:05:00Z"), "10.5", "20", "10", "19", "5", "0.50", "extreme_move");
        insertBar("X:MIXUSD", "5m", Instant.parse("2024-03-04T10:10:00Z"), "19", "19.5", "12", "12", "100", "1.00");
        insertBar("X:MIXUSD", "5m", Instant.parse("2024-03-04T11:00:00Z"), "12", "13", "11", "12.5", "300", "1.00");
        String hours = "/api/v1/historical/X:MIXUSD?timeframe=1h&start=2024-03-04&end=2024-03-04&include_features=true";

        JsonNode all = getJson(hours + "&validated_only=false").get("data");
        assertThat(all).hasSize(2);
        assertAggregate(all.get(0), "2024-03-04T10:00:00Z", "10", "20", "9", "12", "205", 3);
        assertThat(all.get(0).get("quality_score").decimalValue()).isEqualByComparingTo("0.50");
        assertThat(all.get(0).get("validated").booleanValue()).isFalse();

        // the default filter (0.85) drops the first hour whole, rather than serve it without its bad bar
        JsonNode validated = getJson(hours).get("data");
        assertThat(validated).hasSize(1);
        assertThat(validated.get(0)).isEqualTo(all.get(1));
        assertAggregate(validated.get(0), "2024-03-04T11:00:00Z", "12", "13", "11", "12.5", "300", 1);
        assertProblem("/api/v1/historical/X:MIXUSD?timeframe=1h&start=2024-03-04T10:00:00Z&end=2024-03-04T10:59:00Z",
                404, "with quality_score >= 0.85 (validated_only=true; pass validated_only=false to include all bars)");
    }

    @Test
    void theNextCursorWalksThroughTheWholeRangeOnce() {
        List<JsonNode> pages = pagesFrom(ETH_PATH
                + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false&limit=150");
        List<Instant> seen = barsOf(pages).stream().map(bar -> Instant.parse(bar.get("time").stringValue())).toList();
        assertThat(pages).hasSize(4);
        assertThat(seen).hasSize(580).doesNotHaveDuplicates().isSorted();
    }

    /** However the client spelled its request (a ':' percent-encoded, a '+' in a time), its next link reads the same. */
    @Test
    void theNextLinkRepeatsTheRequestAsSent() {
        for (String first : List.of(
                "/api/v1/historical/X%3AETHUSD?timeframe=5m&start=2023-03-13T00:00:00%2B00:00&end=2023-03-15&validated_only=false&limit=200",
                "/api/v1/bars?symbols=X%3AETHUSD&timeframe=5m&start=2023-03-13T01:00:00%2B01:00&end=2023-03-15&validated_only=false&limit=200")) {
            List<String> seen = barsOf(pagesFrom(first)).stream().map(bar -> bar.get("time").stringValue()).toList();
            assertThat(seen).as(first).hasSize(580).doesNotHaveDuplicates().isSorted();
        }
    }

    /** A cursor is a position in the listing it came from, and nowhere else. */
    @Test
    void aCursorIsRefusedOnAnotherListingAndForgedOnesAreRefused() {
        String listing = "/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-13&end=2024-03-06&validated_only=false";
        String cursor = cursorOf(getJson(listing + "&limit=4").get("next").stringValue());

        // the same listing in another format or with another limit goes on from there
        assertThat(getText(listing + "&format=csv&limit=100&cursor=" + cursor).body().lines()).hasSize(3);
        // the symbols in another order, another timeframe, range or quality filter: another listing
        for (String other : List.of(
                "/api/v1/bars?symbols=X:ETHUSD,QLTY&timeframe=1d&start=2023-03-13&end=2024-03-06&validated_only=false",
                "/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1h&start=2023-03-13&end=2024-03-06&validated_only=false",
                "/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-14&end=2024-03-06&validated_only=false",
                "/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-13&end=2024-03-06")) {
            assertProblem(other + "&cursor=" + cursor, 400, "it belongs to another listing (other symbols or order, "
                    + "timeframe, range or quality filter); pass the 'next' link of this listing unchanged");
        }
        // a time outside the range, with the listing's own digest (a year PostgreSQL cannot store was a 500)
        for (String time : List.of("+1000000-01-01T00:00:00Z", "2024-03-07T00:00:00Z", "2023-03-12T23:59:59Z")) {
            assertProblem(listing + "&cursor=" + withTime(cursor, time), 400,
                    "Invalid cursor: pass the 'next' link of a previous answer unchanged");
        }
    }

    /** A cursor forged from a real one: the same symbol and listing, another time. */
    private static String withTime(String cursor, String time) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((parts[0] + "|" + time + "|" + parts[2]).getBytes(StandardCharsets.UTF_8));
    }

    /** The URI as it stands, not taken as a template to encode (which would encode the '%' of a next link again). */
    private URI asSent(String uri) {
        return URI.create("http://localhost:" + port + uri);
    }

    private static String cursorOf(String nextLink) {
        return nextLink.substring(nextLink.indexOf("cursor=") + "cursor=".length());
    }

    @Test
    void aShortPageComesWithItsLengthAndALongOneIsStreamed() {
        String range = ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false";
        // as sent without compression (the test client asks for gzip, whose answers are always streamed)
        var shortPage = client.get().uri(range + "&limit=150").header(HttpHeaders.ACCEPT_ENCODING, "identity")
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(shortPage.getResponseHeaders().getContentLength()).isEqualTo(shortPage.getResponseBody().length);
        assertThat(readJson(shortPage.getResponseBody()).get("count").intValue()).isEqualTo(150);

        var longPage = client.get().uri(range).header(HttpHeaders.ACCEPT_ENCODING, "identity").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(longPage.getResponseHeaders().getContentLength()).isEqualTo(-1);
        assertThat(longPage.getResponseHeaders().getFirst("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(readJson(longPage.getResponseBody()).get("count").intValue()).isEqualTo(580);
    }

    @Test
    void withoutALimitEveryFormatAnswersTheWholeRangeAsTheOldServiceDid() {
        insertSymbol("X:LONGUSD", "crypto");
        // 12,000 one-minute bars, more than a page of any size a client might assume
        insertMinuteBars("X:LONGUSD", Instant.parse("2024-03-01T00:00:00Z"), 12_000);
        String range = "/api/v1/historical/X:LONGUSD?timeframe=1m&start=2024-03-01&end=2024-03-09";

        // about 3.5 MB of JSON: more than the test client buffers by default
        WebTestClient large = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)).build();
        JsonNode json = readJson(large.get().uri(range).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody());
        assertThat(json.get("count").intValue()).isEqualTo(12_000);
        assertThat(json.get("data")).hasSize(12_000);
        assertThat(json.get("data").get(11_999).get("time").stringValue()).isEqualTo("2024-03-09T07:59:00Z");
        assertThat(json.get("next").isNull()).isTrue();
        for (String format : List.of("csv", "ndjson")) {
            String body = large.get().uri(range + "&format=" + format).exchange().expectStatus().isOk()
                    .expectHeader().doesNotExist(HttpHeaders.LINK)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body.lines().count()).isEqualTo(format.equals("csv") ? 12_001 : 12_000);
        }
    }

    private static JsonNode readJson(byte[] body) {
        return EXACT.readTree(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void resampledPagesJoinUpToTheUnpagedAnswer() {
        String base = ETH_PATH + "?timeframe=1h&start=2023-03-13&end=2023-03-15&validated_only=false";
        JsonNode whole = getJson(base);
        List<JsonNode> paged = barsOf(pagesFrom(base + "&limit=20"));
        assertThat(whole.get("count").intValue()).isEqualTo(49);
        assertThat(paged).hasSize(49);
        for (int i = 0; i < paged.size(); i++) {
            assertThat(paged.get(i).get("time")).isEqualTo(whole.get("data").get(i).get("time"));
            assertThat(paged.get(i).get("volume").decimalValue()).isEqualTo(whole.get("data").get(i).get("volume").decimalValue());
            assertThat(paged.get(i).get("bar_count")).isEqualTo(whole.get("data").get(i).get("bar_count"));
        }
    }

    @Test
    void aLimitedStreamLinksTheRestAndItsPartsJoinUpToTheWholeRange() throws Exception {
        String range = ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false";
        List<Map<String, String>> whole = readCsv(getText(range + "&format=csv").body());

        List<Map<String, String>> csvParts = new ArrayList<>();
        List<Integer> csvSizes = new ArrayList<>();
        String uri = range + "&format=csv&limit=250";
        while (uri != null) {
            Part part = getText(uri);
            List<Map<String, String>> rows = readCsv(part.body());
            csvSizes.add(rows.size());
            csvParts.addAll(rows);
            uri = part.next();
        }
        assertThat(csvSizes).containsExactly(250, 250, 80);
        assertThat(csvParts).isEqualTo(whole);

        // the Accept header is the client's to send again; the link keeps every query parameter
        List<String> lines = new ArrayList<>();
        uri = range + "&limit=290";
        while (uri != null) {
            var part = client.get().uri(uri).accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult();
            part.getResponseBody().lines().forEach(lines::add);
            uri = nextLink(part.getResponseHeaders().getFirst("Link"));
        }
        assertThat(lines).hasSize(580);
        assertThat(lines).extracting(line -> EXACT.readTree(line).get("time").stringValue())
                .containsExactlyElementsOf(whole.stream().map(row -> row.get("time")).toList());

        Part exactlyAll = getText(range + "&format=ndjson&limit=580");
        assertThat(exactlyAll.body().lines()).hasSize(580);
        assertThat(exactlyAll.next()).isNull();
    }

    @Test
    void resampledStreamPartsWithFeaturesJoinUpToTheWholeStream() {
        String range = ETH_PATH + "?timeframe=1h&start=2023-03-13&end=2023-03-15&validated_only=false&format=csv"
                + "&include_features=true";
        String whole = getText(range).body();
        StringBuilder joined = new StringBuilder();
        int parts = 0;
        for (String uri = range + "&limit=7"; uri != null; parts++) {
            Part part = getText(uri);
            // every part has the header row; the joined answer keeps the first
            joined.append(parts == 0 ? part.body() : part.body().substring(part.body().indexOf('\n') + 1));
            uri = part.next();
        }
        assertThat(parts).isEqualTo(7);
        assertThat(joined.toString()).isEqualTo(whole);
    }

    @Test
    void aLimitedStreamOfSeveralSymbolsLinksAcrossTheSymbols() throws Exception {
        String range = "/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-13&end=2024-03-06"
                + "&validated_only=false&format=csv";
        Part first = getText(range + "&limit=4");
        assertThat(readCsv(first.body())).extracting(row -> row.get("symbol")).containsExactly("QLTY", "QLTY", "QLTY", ETH);
        Part rest = getText(first.next());
        assertThat(readCsv(rest.body())).extracting(row -> row.get("symbol")).containsExactly(ETH, ETH);
        assertThat(rest.next()).isNull();
        assertThat(readCsv(first.body() + rest.body().substring(rest.body().indexOf('\n') + 1)))
                .isEqualTo(readCsv(getText(range).body()));
    }

    /** Every page of a listing, following its "next" links from the first. */
    private List<JsonNode> pagesFrom(String uri) {
        List<JsonNode> pages = new ArrayList<>();
        for (String next = uri; next != null; ) {
            JsonNode page = getJson(next);
            pages.add(page);
            next = page.get("next").isNull() ? null : page.get("next").stringValue();
        }
        return pages;
    }

    private static List<JsonNode> barsOf(List<JsonNode> pages) {
        return pages.stream().flatMap(page -> page.get("data").valueStream()).toList();
    }

    /** A streamed answer and the target of its Link rel="next", if any. */
    private record Part(String body, String next) {
    }

    private Part getText(String uri) {
        var result = client.get().uri(asSent(uri)).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        return new Part(result.getResponseBody(), nextLink(result.getResponseHeaders().getFirst("Link")));
    }

    private static String nextLink(String linkHeader) {
        if (linkHeader == null) {
            return null;
        }
        assertThat(linkHeader).matches("<[^>]+>; rel=\"next\"");
        return linkHeader.substring(1, linkHeader.indexOf('>'));
    }

    @Test
    void aNextPageWhoseBarsNoLongerQualifyIsAnEmptyPage() {
        for (int day = 1; day <= 3; day++) {
            insertBar("EMPT", "1d", Instant.parse("2024-02-0" + day + "T05:00:00Z"), "10", "11", "9", "10", "100", "1.00");
        }
        JsonNode first = getJson("/api/v1/historical/EMPT?start=2024-02-01&end=2024-02-29&limit=2");
        assertThat(first.get("count").intValue()).isEqualTo(2);
        // the last bar falls below the page's min_quality (0.85 by default) before the next page is asked for
        Instant last = Instant.parse("2024-02-03T05:00:00Z");
        jdbc.update("UPDATE bars SET quality_score = 0.50 WHERE symbol = 'EMPT' AND time = ?", Timestamp.from(last));
        refreshQualityDaily("EMPT", "1d", last);

        JsonNode rest = getJson(first.get("next").stringValue());

        assertThat(rest.get("symbol").stringValue()).isEqualTo("EMPT");
        assertThat(rest.get("data").isEmpty()).isTrue();
        assertThat(rest.get("count").intValue()).isZero();
        assertThat(rest.get("next").isNull()).isTrue();
    }

    @Test
    void severalSymbolsAtOnce() throws Exception {
        JsonNode body = getJson("/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-13&end=2024-03-06&validated_only=false");
        List<String> symbols = new ArrayList<>();
        body.get("data").forEach(bar -> symbols.add(bar.get("symbol").stringValue()));
        // QLTY: 3 daily bars; ETH: 5m bars aggregated into 3 UTC days
        assertThat(symbols).containsExactly("QLTY", "QLTY", "QLTY", ETH, ETH, ETH);

        String csv = client.get().uri("/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-13&end=2024-03-06&validated_only=false&format=csv")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<Map<String, String>> rows = readCsv(csv);
        assertThat(rows).extracting(row -> row.get("symbol")).containsExactly("QLTY", "QLTY", "QLTY", ETH, ETH, ETH);

        JsonNode paged = getJson("/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=1d&start=2023-03-13&end=2024-03-06&validated_only=false&limit=4");
        assertThat(paged.get("count").intValue()).isEqualTo(4);
        JsonNode rest = getJson(paged.get("next").stringValue());
        assertThat(rest.get("count").intValue()).isEqualTo(2);
        assertThat(rest.get("next").isNull()).isTrue();
    }

    @Test
    void theApiDocumentSaysPublicReadsNeedNoKey() {
        JsonNode docs = getJson("/v3/api-docs");
        assertThat(docs.get("paths").get("/api/v1/historical/{symbol}").get("get").get("security")).isEmpty();
        assertThat(docs.get("paths").get("/api/v1/enrichment/trigger").get("post").has("security")).isFalse();
    }

    @Test
    void errorsSayWhatToFix() {
        assertProblem("/api/v1/historical/NOPE?start=2024-01-01&end=2024-01-31", 404, "Unknown symbol");
        assertProblem("/api/v1/historical/QLTY?start=2020-01-01&end=2020-01-31", 404,
                "No 1d bars for QLTY between 2020-01-01 and 2020-01-31: none are stored in that range, in any timeframe");
        assertProblem("/api/v1/historical/QLTY?start=2024-03-05&end=2024-03-05&min_quality=0.99", 404,
                "with quality_score >= 0.99 (validated_only=true; pass validated_only=false to include all bars)");
        assertProblem("/api/v1/historical/X:ETHUSD?timeframe=1m&start=2023-03-13&end=2023-03-15", 404,
                ": that range holds [5m] bars; a timeframe is served from itself or aggregated from a finer one that"
                        + " divides it, never from a coarser one");
        assertProblem("/api/v1/bars?symbols=QLTY,X:ETHUSD&timeframe=4h&start=2024-03-04&end=2024-03-06", 404,
                "No 4h bars for QLTY, X:ETHUSD between 2024-03-04 and 2024-03-06: that range holds [1d] bars");
        // the sample's week starts on Sunday 2023-03-12, before the range: neither the filter nor the timeframe
        for (String filter : List.of("", "&validated_only=false")) {
            assertProblem("/api/v1/historical/X:ETHUSD?timeframe=1w&start=2023-03-13&end=2023-03-15" + filter, 404,
                    "No 1w bars for X:ETHUSD between 2023-03-13 and 2023-03-15: a resampled bar is listed when its"
                            + " bucket starts in the range, and no 1w bucket starts there");
        }
        assertProblem("/api/v1/historical/QLTY?timeframe=2h&start=2024-01-01&end=2024-01-31", 400,
                "valid timeframes are 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w");
        assertProblem("/api/v1/historical/QLTY?start=2024-02-01&end=2024-01-31", 400, "'start' must be before 'end'");
        assertProblem("/api/v1/historical/QLTY?start=01/02/2024&end=2024-01-31", 400, "Invalid date '01/02/2024' for 'start'");
        assertProblem("/api/v1/historical/QLTY?end=2024-01-31", 400, "'start' is required");
        // the next link is the way past the most a page holds, not below one
        assertThat(assertProblem("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31&limit=0", 400,
                "'limit' must be between 1 and 10000000")).isEqualTo("'limit' must be between 1 and 10000000; got 0");
        assertThat(assertProblem("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31&limit=10000001", 400,
                "'limit' must be between 1 and 10000000")).endsWith("got 10000001 (follow the 'next' link for more)");
        assertProblem("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31&min_quality=abc", 400, "min_quality");
        assertProblem("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31&validated_only=maybe", 400, "validated_only");
        assertProblem("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31&min_quality=1e", 400, "min_quality");
        assertProblem("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31&cursor=@@", 400, "Invalid cursor");
        String ethCursor = cursorOf(getJson(ETH_PATH + "?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false"
                + "&limit=5").get("next").stringValue());
        assertProblem("/api/v1/historical/QLTY?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false&cursor="
                + ethCursor, 400, "it belongs to another listing");
        assertProblem("/api/v1/bars?symbols=QLTY,NOPE2&start=2024-01-01&end=2024-01-31", 404, "Unknown symbols: NOPE2");
        assertProblem("/api/v1/bars?start=2024-01-01&end=2024-01-31", 400, "'symbols' is required");
        // JSON named, but as not acceptable (q=0): a 406, not JSON all the same
        byte[] refused = client.get().uri("/api/v1/historical/QLTY?start=2024-01-01&end=2024-01-31")
                .header(HttpHeaders.ACCEPT, "application/json;q=0, text/csv;q=0").exchange()
                .expectStatus().isEqualTo(406).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        assertThat(EXACT.readTree(refused).get("detail").stringValue()).isEqualTo("The Accept header refuses every "
                + "format of this listing; accept one of application/json, text/csv or application/x-ndjson, or pass "
                + "format=json, csv or ndjson");
    }

    @Test
    void aTimeFinerThanAMicrosecondIsRefusedRatherThanRoundedIntoTheNextBar() {
        String firstBar = ETH_PATH + "?timeframe=5m&validated_only=false&start=2023-03-13T18:00:00Z";

        assertProblem(firstBar + "&end=2023-03-13T18:04:59.9999996Z", 400, "Time '2023-03-13T18:04:59.9999996Z' for"
                + " 'end' is finer than a microsecond: times are stored to the microsecond; send at most 6 fraction digits");
        assertProblem(ETH_PATH + "?timeframe=5m&start=2023-03-13T17:59:59.9999999Z&end=2023-03-13T18:05:00Z", 400,
                "for 'start' is finer than a microsecond");
        String cursor = cursorOf(getJson(firstBar + "&end=2023-03-13T18:10:00Z&limit=1").get("next").stringValue());
        assertProblem(firstBar + "&end=2023-03-13T18:10:00Z&cursor=" + withTime(cursor, "2023-03-13T18:04:59.9999996Z"),
                400, "Invalid cursor");
        JsonNode toTheMicrosecond = getJson(firstBar + "&end=2023-03-13T18:04:59.999999Z").get("data");
        assertThat(toTheMicrosecond.valueStream().map(bar -> bar.get("time").stringValue()))
                .containsExactly("2023-03-13T18:00:00Z");
    }

    @Test
    void csvOfAnUnknownSymbolIsAProblemToo() {
        client.get().uri("/api/v1/historical/NOPE?start=2024-01-01&end=2024-01-31&format=csv")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** Asserts a problem with this status whose detail says this; returns the whole detail. */
    private String assertProblem(String uri, int status, String detailPart) {
        byte[] body = client.get().uri(uri).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode problem = EXACT.readTree(body);
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("detail").stringValue()).contains(detailPart);
        return problem.get("detail").stringValue();
    }

    private JsonNode getJson(String uri) {
        byte[] body = client.get().uri(asSent(uri)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        return EXACT.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<Map<String, String>> readCsv(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            return rows.readAll();
        }
    }
}
