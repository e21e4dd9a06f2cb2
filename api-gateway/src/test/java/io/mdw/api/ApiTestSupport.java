package io.mdw.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.db.testing.TestWarehouse;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real application on a fresh embedded PostgreSQL database, migrated by the app's own Flyway at start-up.
 * All API tests share one application context (and so one database): each test class uses its own symbols.
 * A class that changes the context (other properties, a bean override) starts a second one in the same JVM; it gives
 * it its own {@code spring.quartz.scheduler-name}, since Quartz registers a job store's connections JVM-wide by name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mdw.admin-api-key=" + ApiTestSupport.ADMIN_KEY)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ApiTestSupport {

    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghij";

    protected static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static String databaseUrl;

    @Autowired
    protected WebTestClient client;

    protected final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.dataSource(databaseUrl()));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("mdw.db.url", ApiTestSupport::databaseUrl);
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = TestWarehouse.newDatabaseUrl();
        }
        return databaseUrl;
    }

    protected WebTestClient.ResponseSpec request(HttpMethod method, String uri, String apiKey, Object body) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(uri);
        if (apiKey != null) {
            spec.header("X-API-Key", apiKey);
        }
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return spec.exchange();
    }

    protected WebTestClient.ResponseSpec admin(HttpMethod method, String uri, Object body) {
        return request(method, uri, ADMIN_KEY, body);
    }

    protected static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** Asserts an RFC 9457 answer with this status whose detail says this. */
    protected static JsonNode problem(WebTestClient.ResponseSpec response, int status, String detailPart) {
        JsonNode problem = json(response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).contains(detailPart);
        return problem;
    }

    /** The requests of a route answered with this status, as Prometheus scrapes them (http_server_requests). */
    protected long requestsCounted(String method, String route, int status) {
        // the scrape grows with every route and status the suite has asked for: past the client's default 256 KB
        String scrape = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build()
                .get().uri("/actuator/prometheus?includedNames=http_server_requests_seconds")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"" + route + "\"") && line.contains("status=\"" + status + "\"")
                        && line.contains("method=\"" + method + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A Spring Batch execution of the load job as a batch node records it; returns its execution id. */
    protected long insertJobExecution(String requestId, String batchStatus, String symbols, String timeframes,
                                      String exitMessage) {
        long instance = jdbc.queryForObject("SELECT nextval('batch_job_instance_seq')", Long.class);
        jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, 'loadBars', ?)",
                instance, "key-" + instance);
        return insertJobExecution(instance, requestId, batchStatus, symbols, timeframes, exitMessage);
    }

    protected long insertJobExecution(long instance, String requestId, String batchStatus, String symbols,
                                      String timeframes, String exitMessage) {
        long execution = jdbc.queryForObject("SELECT nextval('batch_job_execution_seq')", Long.class);
        boolean ended = !batchStatus.startsWith("START");
        jdbc.update("""
                        INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time,
                            start_time, end_time, status, exit_code, exit_message, last_updated)
                        VALUES (?, 1, ?, localtimestamp - interval '10 minutes', localtimestamp - interval '9 minutes',
                                CASE WHEN ? THEN localtimestamp - interval '1 minute' END, ?, ?, ?, localtimestamp)
                        """, execution, instance, ended, batchStatus, batchStatus, exitMessage);
        // the names spelled out as stored: rows already in a database must keep reading
        String[][] parameters = {{"requestId", requestId, "Y"}, {"symbols", symbols, "N"}, {"timeframes", timeframes, "N"},
                {"from", "2023-03-13T00:00:00Z", "N"}, {"to", "2023-03-16T00:00:00Z", "N"}, {"source", "polygon", "N"}};
        for (String[] parameter : parameters) {
            jdbc.update("""
                            INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,
                                parameter_value, identifying) VALUES (?, ?, 'java.lang.String', ?, ?)
                            """, execution, parameter[0], parameter[1], parameter[2]);
        }
        return execution;
    }

    /**
     * A partition step "loadSeries:SYMBOL@tf" of an execution (STARTING: made, not yet begun, as one waiting for a
     * worker is); returns its step execution id.
     */
    protected long insertPartition(long execution, String series, String batchStatus, long read, long written,
                                   String exitMessage) {
        long step = jdbc.queryForObject("SELECT nextval('batch_step_execution_seq')", Long.class);
        jdbc.update("""
                        INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id,
                            create_time, start_time, end_time, status, commit_count, read_count, filter_count,
                            write_count, read_skip_count, write_skip_count, process_skip_count, rollback_count,
                            exit_code, exit_message, last_updated)
                        VALUES (?, 1, ?, ?, localtimestamp - interval '9 minutes',
                                CASE WHEN ? THEN localtimestamp - interval '9 minutes' END,
                                CASE WHEN ? THEN localtimestamp - interval '2 minutes' END, ?, 1, ?, 0, ?, 0, 0, 0, 0,
                                ?, ?, localtimestamp)
                        """, step, "loadSeries:" + series, execution, !batchStatus.equals("STARTING"),
                !batchStatus.startsWith("START"), batchStatus, read, written, batchStatus, exitMessage);
        return step;
    }

    /** A step's execution context as Spring Batch's default serializer stores it: a Java-serialized map in Base64. */
    protected void insertStepContext(long step, Map<String, Object> context) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(Base64.getEncoder().wrap(bytes))) {
            out.writeObject(new HashMap<>(context));
        }
        jdbc.update("INSERT INTO batch_step_execution_context (step_execution_id, short_context) VALUES (?, ?)", step,
                bytes.toString(StandardCharsets.US_ASCII));
    }

    /** A crypto symbol whose only bar is a daily one on 2023-03-13. */
    protected void oneDailyBar(String symbol) {
        insertSymbol(symbol, "crypto");
        jdbc.update("DELETE FROM bars WHERE symbol = ?", symbol);
        insertBar(symbol, "1d", Instant.parse("2023-03-13T00:00:00Z"), "10", "11", "9", "10.5", "100", "1.00");
    }

    protected void insertSymbol(String symbol, String assetClass) {
        jdbc.update("INSERT INTO symbols (symbol, asset_class, provider_ticker) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                symbol, assetClass, symbol);
    }

    protected void insertBar(String symbol, String timeframe, Instant time, BigDecimal open, BigDecimal high,
                             BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal qualityScore,
                             String... flags) {
        jdbc.update("""
                        INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score,
                                          validated, flags, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test')
                        """,
                symbol, timeframe, Timestamp.from(time), open, high, low, close, volume, qualityScore,
                qualityScore.compareTo(new BigDecimal("0.85")) >= 0,
                jdbc.execute((java.sql.Connection c) -> c.createArrayOf("text", flags)));
        refreshQualityDaily(symbol, timeframe, time);
    }

    /**
     * {@code count} validated one-minute bars of the same prices from {@code first} on, written at once, with
     * quality_daily kept for their days as the load job keeps it (the other classes' reports read it).
     */
    protected void insertMinuteBars(String symbol, Instant first, int count) {
        jdbc.update("""
                        INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, quality_score,
                                          validated, flags, source)
                        SELECT ?, '1m', CAST(? AS timestamptz) + make_interval(mins => i), 10, 11, 9, 10.5, 1, 1.00, true,
                               '{}', 'test'
                        FROM generate_series(0, CAST(? AS int) - 1) AS i""", symbol, Timestamp.from(first), count);
        Instant end = first.plus(count, ChronoUnit.MINUTES);
        for (Instant day = first; day.isBefore(end); day = day.plus(1, ChronoUnit.DAYS)) {
            refreshQualityDaily(symbol, "1m", day);
        }
    }

    /**
     * Recomputes the bar's UTC day in quality_daily from the stored bars, as the load job does for every day it
     * writes; the calendar's expectation is taken to be what is there.
     */
    protected void refreshQualityDaily(String symbol, String timeframe, Instant time) {
        jdbc.update("""
                        INSERT INTO quality_daily (symbol, timeframe, day, records, validated_records, rejected_records,
                                                   gaps_detected, anomalies_detected, gap_detected_records,
                                                   avg_quality_score, expected_records)
                        SELECT symbol, timeframe, (time AT TIME ZONE 'UTC')::date, count(*),
                               count(*) FILTER (WHERE validated), 0,
                               count(*) FILTER (WHERE 'missing_bars' = ANY (flags)),
                               count(*) FILTER (WHERE flags && '{ohlc_invalid,extreme_move,price_gap,volume_spike,volume_drought}'),
                               count(*) FILTER (WHERE flags && '{price_gap,missing_bars}'),
                               avg(quality_score), count(*)
                        FROM bars
                        WHERE symbol = ? AND timeframe = ?
                          AND (time AT TIME ZONE 'UTC')::date = (?::timestamptz AT TIME ZONE 'UTC')::date
                        GROUP BY 1, 2, 3
                        ON CONFLICT (symbol, timeframe, day) DO UPDATE SET
                            records = EXCLUDED.records, validated_records = EXCLUDED.validated_records,
                            gaps_detected = EXCLUDED.gaps_detected, anomalies_detected = EXCLUDED.anomalies_detected,
                            gap_detected_records = EXCLUDED.gap_detected_records,
                            avg_quality_score = EXCLUDED.avg_quality_score, expected_records = EXCLUDED.expected_records
                        """, symbol, timeframe, Timestamp.from(time));
    }

    protected void insertBar(String symbol, String timeframe, Instant time, String open, String high, String low,
                             String close, String volume, String qualityScore, String... flags) {
        insertBar(symbol, timeframe, time, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume), new BigDecimal(qualityScore), flags);
    }
}
