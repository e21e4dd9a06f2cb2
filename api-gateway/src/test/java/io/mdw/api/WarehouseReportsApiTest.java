package io.mdw.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.mdw.scheduling.SymbolTracking;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The reports computed from the warehouse, the JobRepository and the Quartz tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarehouseReportsApiTest extends ApiTestSupport {

    private Instant today;

    @BeforeAll
    void warehouse() {
        // read once the application runs (not when this instance is made, before it starts), so that the clock can
        // cross midnight between the bars written here and the answers checked only within this class's second or so
        today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        // fresh: daily crypto bars up to yesterday, which is complete; stale: stopped ten days ago
        insertSymbol("X:FRESHUSD", "crypto");
        insertSymbol("X:STALEUSD", "crypto");
        insertSymbol("X:FAILUSD", "crypto");
        for (int daysAgo = 1; daysAgo <= 5; daysAgo++) {
            insertBar("X:FRESHUSD", "1d", today.minus(daysAgo, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
            insertBar("X:STALEUSD", "1d", today.minus(daysAgo + 9, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "1.00");
            insertBar("X:FAILUSD", "1d", today.minus(daysAgo, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "1.00");
        }
        jdbc.update("INSERT INTO bar_features (symbol, timeframe, time, sma_20) VALUES (?, '1d', ?, 1.0)",
                "X:FRESHUSD", Timestamp.from(today.minus(1, ChronoUnit.DAYS)));
        jdbc.update("INSERT INTO bar_features (symbol, timeframe, time, sma_20) VALUES (?, '1d', ?, 1.0)",
                "X:STALEUSD", Timestamp.from(today.minus(10, ChronoUnit.DAYS)));

        long failed = insertJobExecution("report-failed", "FAILED", "X:FAILUSD", "1d", "partition failed");
        insertPartition(failed, "X:FAILUSD@1d", "FAILED", 10, 0, "Polygon answered 403: plan does not cover the data");
        long done = insertJobExecution("report-done", "COMPLETED", "X:FRESHUSD", "1d", "");
        insertPartition(done, "X:FRESHUSD@1d", "COMPLETED", 5, 5, "");

        // quality: yesterday a validated bar with an anomaly, the day before an unvalidated one with a gap
        insertSymbol("X:QUALUSD", "crypto");
        insertBar("X:QUALUSD", "1d", today.minus(1, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95", "volume_spike");
        insertBar("X:QUALUSD", "1d", today.minus(2, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.70", "missing_bars");
        jdbc.update("""
                        INSERT INTO provider_requests (symbol, timeframe, source, http_status, records_fetched,
                            records_inserted, response_time_ms, success)
                        VALUES ('X:QUALUSD', '1d', 'polygon', 200, 2, 1, 120, true)
                        """);

        long nowMs = System.currentTimeMillis();
        jdbc.update("INSERT INTO qrtz_scheduler_state VALUES ('mdw', 'node-alive', ?, 600000)", nowMs);
        jdbc.update("INSERT INTO qrtz_scheduler_state VALUES ('mdw', 'node-dead', ?, 15000)", nowMs - 3_600_000);
        jdbc.update("""
                        INSERT INTO qrtz_job_details VALUES ('mdw', 'nightly', 'mdw-nightly', null, 'io.mdw.X',
                            true, true, false, false, null)
                        """);
        jdbc.update("""
                        INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group,
                            next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time)
                        VALUES ('mdw', 'nightly', 'mdw-nightly', 'nightly', 'mdw-nightly', ?, -1, 5, 'WAITING', 'CRON', ?)
                        """, nowMs + 3_600_000, nowMs);
        jdbc.update("INSERT INTO qrtz_cron_triggers VALUES ('mdw', 'nightly', 'mdw-nightly', '0 0 2 * * ?', 'UTC')");
    }

    @Test
    void healthReportsTheSchedulerFromItsCheckIns() {
        JsonNode health = json(client.get().uri("/health").exchange().expectStatus().isOk());
        assertThat(health.get("status").stringValue()).isEqualTo("healthy");
        assertThat(health.get("scheduler_running").booleanValue()).isTrue();
        // to the microsecond at most, as the old service's clients parse times
        assertThat(health.get("timestamp").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z");
    }

    @Test
    void statusSummarisesTheWarehouse() {
        Map<String, Object> bars = jdbc.queryForMap("""
                SELECT count(DISTINCT symbol) AS symbols, max(time) AS latest, count(*) AS total,
                       count(*) FILTER (WHERE validated) AS validated,
                       count(*) FILTER (WHERE flags && '{price_gap,missing_bars}') AS gaps
                FROM bars""");
        JsonNode status = json(client.get().uri("/api/v1/status").exchange().expectStatus().isOk());
        assertThat(status.get("api_version").stringValue()).isNotBlank();
        JsonNode database = status.get("database");
        // the very figures a scan of all bars gives
        assertThat(database.get("symbols_available").longValue()).isEqualTo(bars.get("symbols")).isGreaterThanOrEqualTo(4);
        assertThat(database.get("total_records").longValue()).isEqualTo(bars.get("total")).isGreaterThanOrEqualTo(17);
        assertThat(database.get("validated_records").longValue()).isEqualTo(bars.get("validated"));
        assertThat(status.get("data_quality").get("records_with_gaps_flagged").longValue()).isEqualTo(bars.get("gaps"))
                .isPositive();
        assertThat(Instant.parse(database.get("latest_data").stringValue()))
                .isEqualTo(((Timestamp) bars.get("latest")).toInstant());
        assertThat(database.has("validation_rate_pct")).isTrue();
        assertThat(status.get("data_quality").get("scheduler_status").stringValue()).isEqualTo("running");
    }

    @Test
    void symbolsListsWhatIsServedAndDetailedRatesItAgainstTheCalendar() {
        JsonNode symbols = json(client.get().uri("/api/v1/symbols").exchange().expectStatus().isOk());
        List<String> listed = symbols.get("symbols").valueStream().map(JsonNode::stringValue).toList();
        assertThat(listed).contains("X:FRESHUSD", "X:STALEUSD");
        assertThat(symbols.get("symbols_available").intValue()).isEqualTo(listed.size());
        // the same count as the status's and the detailed list's: symbols with bars, not those only tracked
        assertThat(symbols.get("symbols_available").longValue())
                .isEqualTo(jdbc.queryForObject("SELECT count(DISTINCT symbol) FROM bars", Long.class));

        JsonNode detailed = json(client.get().uri("/api/v1/symbols/detailed").exchange().expectStatus().isOk());
        assertThat(detailed.get("count").intValue()).isEqualTo(listed.size());
        JsonNode fresh = find(detailed.get("symbols"), "X:FRESHUSD");
        assertThat(fresh.get("status").stringValue()).isEqualTo("healthy");
        assertThat(fresh.get("records").longValue()).isEqualTo(5);
        assertThat(fresh.get("validation_rate").doubleValue()).isEqualTo(100.0);
        assertThat(fresh.get("bars_behind").longValue()).isZero();
        JsonNode quality = find(detailed.get("symbols"), "X:QUALUSD");
        assertThat(quality.get("records").longValue()).isEqualTo(2);
        assertThat(quality.get("validation_rate").doubleValue()).isEqualTo(50.0);
        JsonNode stale = find(detailed.get("symbols"), "X:STALEUSD");
        assertThat(stale.get("status").stringValue()).isEqualTo("stale");
        assertThat(stale.get("bars_behind").longValue()).isEqualTo(9);
        assertThat(stale.get("data_age_hours").doubleValue()).isGreaterThan(24 * 9);
    }

    @Test
    void enrichmentStatusOfEachKind() {
        JsonNode fresh = json(client.get().uri("/api/v1/enrichment/status/X:FRESHUSD").exchange().expectStatus().isOk());
        assertThat(fresh.get("status").stringValue()).isEqualTo("healthy");
        assertThat(fresh.get("asset_class").stringValue()).isEqualTo("crypto");
        assertThat(fresh.get("records_available").longValue()).isEqualTo(5);
        assertThat(fresh.get("quality_score").decimalValue()).isEqualByComparingTo("0.95");
        assertThat(fresh.get("timeframes_available").get(0).stringValue()).isEqualTo("1d");
        assertThat(fresh.get("next_enrichment").isNull()).isFalse();
        assertThat(fresh.get("error_message").isNull()).isTrue();

        JsonNode stale = json(client.get().uri("/api/v1/enrichment/status/x:staleusd").exchange().expectStatus().isOk());
        assertThat(stale.get("status").stringValue()).isEqualTo("stale");

        JsonNode failed = json(client.get().uri("/api/v1/enrichment/status/X:FAILUSD").exchange().expectStatus().isOk());
        assertThat(failed.get("status").stringValue()).isEqualTo("error");
        assertThat(failed.get("error_message").stringValue()).contains("403");

        insertSymbol("NEWCO", "stock");
        JsonNode fresh2 = json(client.get().uri("/api/v1/enrichment/status/NEWCO").exchange().expectStatus().isOk());
        assertThat(fresh2.get("status").stringValue()).isEqualTo("not_enriched");

        problem(client.get().uri("/api/v1/enrichment/status/NOSUCH").exchange(), 404, "Unknown symbol 'NOSUCH'");
    }

    /** A symbol is in error while one of its series' last load failed, whatever another series did since. */
    @Test
    void aSymbolStaysInErrorWhileOneOfItsSeriesLastLoadFailed() {
        insertSymbol("X:TWOTFUSD", "crypto");
        jdbc.update("UPDATE symbols SET timeframes = '{15m,1h}' WHERE symbol = 'X:TWOTFUSD'");
        insertBar("X:TWOTFUSD", "1h", Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS),
                "10", "11", "9", "10", "5", "1.00");
        long failed = insertJobExecution("twotf-nightly-15m", "FAILED", "X:TWOTFUSD", "15m", "partition failed");
        insertPartition(failed, "X:TWOTFUSD@15m", "FAILED", 0, 0, "the provider at x answered 403: plan");
        long hourly = insertJobExecution("twotf-nightly-1h", "COMPLETED", "X:TWOTFUSD", "1h", "");
        insertPartition(hourly, "X:TWOTFUSD@1h", "COMPLETED", 1, 1, "");

        JsonNode failing = json(client.get().uri("/api/v1/enrichment/status/X:TWOTFUSD").exchange().expectStatus().isOk());
        assertThat(failing.get("status").stringValue()).isEqualTo("error");
        assertThat(failing.get("error_message").stringValue()).isEqualTo("the provider at x answered 403: plan");

        // a timeframe no longer kept is failing no more
        jdbc.update("UPDATE symbols SET timeframes = '{1h}' WHERE symbol = 'X:TWOTFUSD'");
        assertThat(json(client.get().uri("/api/v1/enrichment/status/X:TWOTFUSD").exchange().expectStatus().isOk())
                .get("status").stringValue()).isNotEqualTo("error");
        jdbc.update("UPDATE symbols SET timeframes = '{15m,1h}' WHERE symbol = 'X:TWOTFUSD'");

        long again = insertJobExecution("twotf-restart-15m", "COMPLETED", "X:TWOTFUSD", "15m", "");
        insertPartition(again, "X:TWOTFUSD@15m", "COMPLETED", 0, 0, "");
        JsonNode loaded = json(client.get().uri("/api/v1/enrichment/status/X:TWOTFUSD").exchange().expectStatus().isOk());
        assertThat(loaded.get("status").stringValue()).isNotEqualTo("error");
        assertThat(loaded.get("error_message").isNull()).isTrue();
    }

    @Test
    void onlyASymbolTheNightlyRunLoadsHasANextEnrichment() {
        // loaded from a file (./mdw import, the sample of ./mdw up): recorded as the import records it, not tracked
        SymbolTracking.recordWithoutTracking(JdbcClient.create(jdbc.getDataSource()), "X:IMPORTUSD", null);
        insertBar("X:IMPORTUSD", "1d", today.minus(1, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
        JsonNode imported = enrichmentStatus("X:IMPORTUSD");
        assertThat(imported.get("status").stringValue()).isEqualTo("healthy");
        assertThat(imported.get("next_enrichment").isNull()).isTrue();

        insertSymbol("X:DROPUSD", "crypto");
        insertBar("X:DROPUSD", "1d", today.minus(1, ChronoUnit.DAYS), "10", "11", "9", "10", "5", "0.95");
        assertThat(Instant.parse(enrichmentStatus("X:DROPUSD").get("next_enrichment").stringValue())).isAfter(Instant.now());
        assertThat(json(admin(HttpMethod.DELETE, "/api/v1/admin/symbols/X:DROPUSD", null).expectStatus().isOk())
                .get("active").booleanValue()).isFalse();
        assertThat(enrichmentStatus("X:DROPUSD").get("next_enrichment").isNull()).isTrue();
    }

    @Test
    void enrichmentMetricsComeFromTheTables() {
        JsonNode metrics = json(client.get().uri("/api/v1/enrichment/metrics").exchange().expectStatus().isOk());
        assertThat(metrics.get("fetch_pipeline").get("total_fetches").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("fetch_pipeline").has("api_quota_remaining")).isTrue();
        assertThat(metrics.get("compute_pipeline").get("total_computations").longValue()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.get("compute_pipeline").get("successful").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("data_quality").get("symbols_tracked").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.get("backfill_progress").get("failed").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("backfill_progress").get("completed").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.has("timestamp")).isTrue();
    }

    @Test
    void qualityReportPerDay() {
        JsonNode report = json(client.get().uri("/api/v1/data/quality/X:QUALUSD?days=7").exchange().expectStatus().isOk());
        assertThat(report.get("period_days").intValue()).isEqualTo(7);
        assertThat(report.get("daily_metrics")).hasSize(2);
        JsonNode summary = report.get("summary");
        assertThat(summary.get("avg_validation_rate").doubleValue()).isEqualTo(50.0);
        assertThat(summary.get("avg_quality_score").decimalValue()).isEqualByComparingTo("0.825");
        assertThat(summary.get("total_gaps_detected").longValue()).isEqualTo(1);
        assertThat(summary.get("total_anomalies").longValue()).isEqualTo(1);
        JsonNode day = report.get("daily_metrics").get(1);
        assertThat(day.get("data_completeness").doubleValue()).isEqualTo(100.0);
        JsonNode fetch = report.get("recent_fetch_logs").get(0);
        assertThat(fetch.get("response_time_ms").longValue()).isEqualTo(120);
        assertThat(fetch.get("records_fetched").longValue()).isEqualTo(2);
        assertThat(fetch.get("records_inserted").longValue()).isEqualTo(1);

        JsonNode oneDay = json(client.get().uri("/api/v1/data/quality/X:QUALUSD?days=1").exchange().expectStatus().isOk());
        assertThat(oneDay.get("daily_metrics")).isEmpty();

        problem(client.get().uri("/api/v1/data/quality/X:FRESHUSD?days=0").exchange(), 400, "'days' must be between 1 and 365");
        problem(client.get().uri("/api/v1/data/quality/X:FRESHUSD?days=366").exchange(), 400, "'days' must be between 1 and 365");
        problem(client.get().uri("/api/v1/data/quality/NOSUCH").exchange(), 404, "Unknown symbol");
    }

    @Test
    void theLastEnrichmentIsTheLastLoadThatCompletedEvenWhenItChangedNoBar() {
        insertSymbol("X:ENRUSD", "crypto");
        insertBar("X:ENRUSD", "1d", Instant.parse("2024-03-04T00:00:00Z"), "10", "11", "9", "10", "5", "1.00");
        jdbc.update("UPDATE bars SET ingested_at = now() - interval '1 day' WHERE symbol = 'X:ENRUSD'");
        Instant stored = Instant.parse(json(client.get().uri("/api/v1/enrichment/status/X:ENRUSD").exchange()
                .expectStatus().isOk()).get("last_enrichment_time").stringValue());
        assertThat(stored).isBefore(Instant.now().minus(23, ChronoUnit.HOURS));

        // a load ends two minutes ago having found its bar already stored
        long execution = insertJobExecution("enr-run", "COMPLETED", "X:ENRUSD", "1d", null);
        insertPartition(execution, "X:ENRUSD@1d", "COMPLETED", 1, 0, null);
        Instant loaded = Instant.parse(json(client.get().uri("/api/v1/enrichment/status/X:ENRUSD").exchange()
                .expectStatus().isOk()).get("last_enrichment_time").stringValue());
        assertThat(loaded).isBetween(Instant.now().minus(5, ChronoUnit.MINUTES), Instant.now());
    }

    @Test
    void schedulerHealthShowsNodesTriggersAndFailures() {
        JsonNode health = json(admin(HttpMethod.GET, "/api/v1/admin/scheduler-health", null).expectStatus().isOk());
        assertThat(health.get("status").stringValue()).isEqualTo("degraded");
        assertThat(health.get("nodes_alive").longValue()).isEqualTo(1);
        assertThat(health.get("nodes")).hasSize(2);
        JsonNode nightly = health.get("triggers").valueStream()
                .filter(t -> "CRON".equals(t.get("type").stringValue())).findFirst().orElseThrow();
        assertThat(nightly.get("cron_expression").stringValue()).isEqualTo("0 0 2 * * ?");
        long failed = health.get("failed_jobs_last24h").longValue();
        assertThat(failed).isGreaterThanOrEqualTo(1);
        assertThat(health.get("reasons").valueStream().map(JsonNode::stringValue)).containsExactly(
                "1 of 2 batch nodes missed their check-in", failed + " loads failed in the last 24 h (GET"
                        + " /api/v1/enrichment/jobs lists them; POST /api/v1/enrichment/jobs/{job_id}/restart resumes one,"
                        + " ./mdw restart JOB_ID one run from the command line)");
    }

    @Test
    void executionHistoryListsLoadJobsNewestFirst() {
        JsonNode history = json(admin(HttpMethod.GET, "/api/v1/admin/scheduler/execution-history?limit=100", null)
                .expectStatus().isOk());
        JsonNode failed = history.get("executions").valueStream()
                .filter(e -> "report-failed".equals(e.get("job_id").stringValue())).findFirst().orElseThrow();
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("symbols").get(0).stringValue()).isEqualTo("X:FAILUSD");
        // named as the job view and the trigger name them
        assertThat(failed.get("start").stringValue()).isEqualTo("2023-03-13T00:00:00Z");
        assertThat(failed.get("end").stringValue()).isEqualTo("2023-03-16T00:00:00Z");
        assertThat(failed.get("duration_seconds").longValue()).isEqualTo(480);
        problem(admin(HttpMethod.GET, "/api/v1/admin/scheduler/execution-history?limit=0", null), 400, "'limit'");
    }

    @Test
    void featureStalenessCountsBarsBehindTheCalendar() {
        // a symbol only loaded from a file (stored inactive, as the import does) or deactivated: nothing keeps it current
        jdbc.update("INSERT INTO symbols (symbol, asset_class, provider_ticker, active) VALUES ('X:FILEUSD', 'crypto', 'X:FILEUSD', false)");
        jdbc.update("INSERT INTO bar_features (symbol, timeframe, time, sma_20) VALUES ('X:FILEUSD', '1d', ?, 1.0)",
                Timestamp.from(Instant.now().minus(30, ChronoUnit.DAYS)));
        JsonNode staleness = json(admin(HttpMethod.GET, "/api/v1/admin/features/staleness", null).expectStatus().isOk());
        JsonNode series = staleness.get("series");
        assertThat(find(series, "X:FRESHUSD").get("staleness").stringValue()).isEqualTo("fresh");
        assertThat(find(series, "X:STALEUSD").get("staleness").stringValue()).isEqualTo("stale");
        assertThat(find(series, "X:STALEUSD").get("bars_behind").longValue()).isEqualTo(9);
        assertThat(find(series, "X:FAILUSD").get("staleness").stringValue()).isEqualTo("missing");
        assertThat(series.valueStream().map(s -> s.get("symbol").stringValue())).doesNotContain("X:FILEUSD");
        // the database is shared with the other API tests: the summary counts at least this class's series
        JsonNode summary = staleness.get("summary");
        assertThat(summary.get("fresh").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(summary.get("stale").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(summary.get("missing").longValue()).isGreaterThanOrEqualTo(2);
        assertThat(summary.valueStream().mapToLong(JsonNode::longValue).sum()).isEqualTo(series.size());
    }

    @Test
    void apiMetricsCountRequests() {
        client.get().uri("/api/v1/symbols").exchange().expectStatus().isOk();
        JsonNode metrics = json(client.get().uri("/api/v1/metrics").exchange().expectStatus().isOk());
        assertThat(metrics.get("requests").get("total").longValue()).isPositive();
        assertThat(metrics.get("requests").get("by_status").get("2xx").longValue()).isPositive();
        assertThat(metrics.get("uptime_seconds").longValue())
                .isBetween(0L, ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + 1);
    }

    private static JsonNode find(JsonNode array, String symbol) {
        return array.valueStream().filter(n -> symbol.equals(n.get("symbol").stringValue())).findFirst().orElseThrow();
    }

    private JsonNode enrichmentStatus(String symbol) {
        return json(client.get().uri("/api/v1/enrichment/status/" + symbol).exchange().expectStatus().isOk());
    }
}
