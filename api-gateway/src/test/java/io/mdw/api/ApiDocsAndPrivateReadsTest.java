package io.mdw.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With MDW_API_PUBLIC_READS=false every read needs a key (of any scope); docs and health stay open. */
@TestPropertySource(properties = {"mdw.api.public-reads=false", "spring.quartz.scheduler-name=mdw-private-reads-test"})
class ApiDocsAndPrivateReadsTest extends ApiTestSupport {

    @Test
    void readsNeedAKeyWhenNotPublic() {
        problem(client.get().uri("/api/v1/symbols").exchange(), 401, "scope 'read'");
        problem(client.get().uri("/api/v1/historical/AAPL?start=2024-01-01&end=2024-01-02").exchange(), 401, "X-API-Key");
        String readKey = json(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "reader", "scopes", List.of("read")))
                .expectStatus().isCreated()).get("key").stringValue();
        request(HttpMethod.GET, "/api/v1/symbols", readKey, null).expectStatus().isOk();
        client.get().uri("/health").exchange().expectStatus().isOk();
        // health reads no key, so that a probe or a session sending its key on every request gets it whatever the
        // key, and while the database (where keys are looked up) is down
        request(HttpMethod.GET, "/health", "mdw_not-a-key", null).expectStatus().isOk();
    }

    @Test
    void anotherMethodOnTheTriggerIsNotAllowedRatherThanAskingForAKey() {
        problem(client.get().uri("/api/v1/enrichment/trigger").exchange(), 405, "POST");
        problem(client.delete().uri("/api/v1/enrichment/jobs/x/restart").exchange(), 405, "POST");
    }

    @Test
    void openApiDescribesTheEndpointsAndSwaggerUiIsServed() {
        JsonNode docs = json(client.get().uri("/v3/api-docs").exchange().expectStatus().isOk());
        assertThat(docs.get("openapi").stringValue()).startsWith("3.");
        List<String> paths = docs.get("paths").propertyNames().stream().toList();
        assertThat(paths).contains("/api/v1/historical/{symbol}", "/api/v1/bars", "/api/v1/enrichment/trigger",
                "/api/v1/enrichment/jobs/{jobId}", "/api/v1/admin/api-keys/{id}/audit", "/health");
        List<String> parameters = docs.get("paths").get("/api/v1/historical/{symbol}").get("get").get("parameters")
                .valueStream().map(p -> p.get("name").stringValue()).toList();
        assertThat(parameters).contains("symbol", "timeframe", "start", "end", "validated_only", "min_quality",
                "include_features", "limit", "cursor", "format").doesNotContain("request", "response");
        for (String path : List.of("/api/v1/historical/{symbol}", "/api/v1/bars")) {
            assertThat(docs.get("paths").get(path).get("get").get("responses").get("200").get("headers").has("Link"))
                    .as("%s documents its Link header", path).isTrue();
        }
        assertThat(docs.get("components").get("securitySchemes").get("apiKey").get("name").stringValue())
                .isEqualTo("X-API-Key");
        // statuses as answered, every error as problem+json, and who needs which key (reads here: any key)
        JsonNode trigger = docs.get("paths").get("/api/v1/enrichment/trigger").get("post").get("responses");
        assertThat(trigger.propertyNames()).contains("202", "409", "401", "403", "default").doesNotContain("200");
        assertThat(trigger.get("default").get("content").get("application/problem+json").get("schema").get("$ref")
                .stringValue()).isEqualTo("#/components/schemas/Problem");
        assertThat(docs.get("components").get("schemas").get("Problem").get("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance");
        assertThat(docs.get("paths").get("/api/v1/admin/api-keys").get("post").get("responses").propertyNames())
                .contains("201").doesNotContain("200");
        JsonNode historical = docs.get("paths").get("/api/v1/historical/{symbol}").get("get");
        assertThat(historical.get("responses").propertyNames()).contains("200", "401").doesNotContain("403");
        assertThat(historical.has("security")).isFalse();
        JsonNode start = historical.get("parameters").valueStream()
                .filter(p -> p.get("name").stringValue().equals("start")).findFirst().orElseThrow();
        assertThat(start.get("required").booleanValue()).isTrue();
        assertThat(start.get("description").stringValue()).contains("YYYY-MM-DD");
        // the ranges the API checks, with the type and default of the parameter
        assertThat(parameterSchema(historical, "limit").toString()).contains("\"type\":\"integer\"", "\"minimum\":1",
                "\"maximum\":10000000");
        assertThat(parameterSchema(historical, "min_quality").toString()).contains("\"type\":\"number\"",
                "\"minimum\":0", "\"maximum\":1", "\"default\":0.85");
        assertThat(parameterSchema(docs.get("paths").get("/api/v1/data/quality/{symbol}").get("get"), "days").toString())
                .contains("\"type\":\"integer\"", "\"minimum\":1", "\"maximum\":365", "\"default\":7");
        for (String listing : List.of("/api/v1/enrichment/jobs", "/api/v1/admin/scheduler/execution-history",
                "/api/v1/admin/audit", "/api/v1/admin/api-keys/{id}/audit")) {
            assertThat(parameterSchema(docs.get("paths").get(listing).get("get"), "limit").get("maximum").intValue())
                    .as(listing).isEqualTo(listing.endsWith("audit") ? 1000 : 500);
        }
        assertThat(docs.get("paths").get("/health").get("get").get("security")).isEmpty();
        // the schemas name and type fields as the answers and bodies do
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.get("BarPage").get("properties").propertyNames()).contains("start_date", "end_date");
        assertThat(types(schemas.get("Bar"), "open")).contains("number");
        assertThat(types(schemas.get("Bar"), "quality_score")).contains("number");
        assertThat(schemas.get("TriggerBody").get("properties").propertyNames()).contains("asset_class")
                .doesNotContain("assetClass");
        // two answers whose records share a simple name each keep their own schema
        assertThat(schemaOf(docs, "/api/v1/admin/symbols").get("properties").propertyNames())
                .contains("count", "symbols");
        assertThat(schemaOf(docs, "/api/v1/symbols").get("properties").propertyNames())
                .contains("symbols_available", "latest_data", "symbols");
        JsonNode metrics = schemaOf(docs, "/api/v1/enrichment/metrics");
        assertThat(schemas.get(metrics.get("properties").get("data_quality").get("$ref").stringValue()
                .replace("#/components/schemas/", "")).get("properties").propertyNames())
                .contains("symbols_tracked", "avg_validation_rate", "avg_quality_score");
        assertThat(docs.get("paths").get("/api/v1/status").get("get").get("responses").get("200").get("content")
                .propertyNames()).containsExactly("application/json");
        JsonNode timeframe = historical.get("parameters").valueStream()
                .filter(p -> p.get("name").stringValue().equals("timeframe")).findFirst().orElseThrow();
        assertThat(timeframe.get("schema").get("enum").valueStream().map(JsonNode::stringValue))
                .containsExactly("1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w");
        assertThat(historical.get("parameters").valueStream().map(p -> p.get("name").stringValue()))
                .doesNotContain("Accept");
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    /**
     * A generated client types an answer's fields as the API writes them: always there unless left out when null
     * (@JsonInclude), and null only where a record says it may be or has not said (not @NullMarked).
     */
    @Test
    void answerSchemasSayWhichFieldsAreAlwaysThereAndWhichMayBeNull() {
        JsonNode docs = json(client.get().uri("/v3/api-docs").exchange().expectStatus().isOk());
        JsonNode schemas = docs.get("components").get("schemas");
        JsonNode page = schemas.get("BarPage");
        assertThat(names(page.get("required"))).containsExactlyInAnyOrder("timeframe", "start_date", "end_date",
                "count", "data", "next");
        assertThat(types(page, "next")).containsExactlyInAnyOrder("string", "null");
        assertThat(types(page, "count")).containsExactly("integer");
        JsonNode bar = schemas.get("Bar");
        assertThat(names(bar.get("required"))).contains("time", "open", "quality_score", "validated", "flags",
                "validation_notes", "missing_bars").doesNotContain("symbol", "bar_count", "features");
        assertThat(types(bar, "open")).containsExactlyInAnyOrder("number", "null");
        assertThat(types(bar, "time")).containsExactly("string");
        assertThat(types(bar, "validated")).containsExactly("boolean");
        JsonNode report = schemaOf(docs, "/api/v1/data/quality/{symbol}");
        JsonNode day = referenced(schemas, report.get("properties").get("daily_metrics").get("items"));
        assertThat(names(day.get("required"))).contains("date", "total_records", "avg_quality_score",
                "data_completeness").doesNotContain("timeframe", "timeframes");
        assertThat(types(day, "avg_quality_score")).containsExactlyInAnyOrder("number", "null");
        assertThat(types(day, "date")).containsExactly("string");
        assertThat(types(day, "total_records")).containsExactly("integer");
        // which flags each count counts, in the day and in the summary
        assertThat(day.get("properties").get("gaps_detected").get("description").stringValue()).contains("missing_bars");
        assertThat(day.get("properties").get("anomalies_detected").get("description").stringValue())
                .contains("ohlc_invalid", "extreme_move", "price_gap", "volume_spike", "volume_drought");
        JsonNode summary = referenced(schemas, report.get("properties").get("summary"));
        assertThat(summary.get("properties").get("total_gaps_detected").get("description").stringValue())
                .contains("missing_bars");
        assertThat(summary.get("properties").get("total_anomalies").get("description").stringValue())
                .contains("ohlc_invalid", "volume_drought");
        JsonNode fetch = referenced(schemas, report.get("properties").get("recent_fetch_logs").get("items"));
        assertAlwaysSet(fetch, "source", "timestamp");
        assertMayBeNull(fetch, "records_inserted", "error");
        assertThat(types(fetch, "records_fetched")).containsExactly("integer");
        // a record that does not say what may be null is taken at its word: anything may be
        JsonNode features = referenced(schemas, bar.get("properties").get("features"));
        assertThat(names(features.get("required"))).contains("sma_20", "trend_direction");
        assertThat(types(features, "trend_direction")).containsExactlyInAnyOrder("string", "null");
        JsonNode job = schemaOf(docs, "/api/v1/enrichment/jobs/{jobId}");
        assertThat(names(job.get("required"))).contains("job_id", "status", "runs", "error_message", "started_at")
                .doesNotContain("progress", "partitions");
        assertThat(types(job, "job_id")).containsExactly("string");
        assertThat(types(job, "error_message")).containsExactlyInAnyOrder("string", "null");
        JsonNode partition = referenced(schemas, job.get("properties").get("partitions").get("items"));
        assertThat(types(partition, "error")).containsExactlyInAnyOrder("string", "null");
        assertThat(types(partition, "symbol")).containsExactly("string");
        JsonNode symbolStatus = schemaOf(docs, "/api/v1/enrichment/status/{symbol}");
        assertAlwaysSet(symbolStatus, "status", "timeframes_available");
        assertMayBeNull(symbolStatus, "bars_behind", "next_enrichment");
        JsonNode accepted = answerOf(docs, "/api/v1/enrichment/trigger", "post", "202");
        assertAlwaysSet(accepted, "job_id", "status_url");
        assertMayBeNull(accepted, "asset_class");
        // the status answers
        JsonNode status = schemaOf(docs, "/api/v1/status");
        assertAlwaysSet(status, "api_version", "timestamp");
        assertMayBeNull(referenced(schemas, status.get("properties").get("database")), "latest_data",
                "validation_rate_pct");
        assertAlwaysSet(referenced(schemas, status.get("properties").get("data_quality")), "scheduler_status");
        assertAlwaysSet(schemaOf(docs, "/health"), "status", "database");
        JsonNode requests = referenced(schemas, schemaOf(docs, "/api/v1/metrics").get("properties").get("requests"));
        assertAlwaysSet(requests, "max_response_time_ms", "by_status");
        assertMayBeNull(requests, "avg_response_time_ms");
        // the symbols
        JsonNode symbols = schemaOf(docs, "/api/v1/symbols");
        assertAlwaysSet(symbols, "symbols");
        assertMayBeNull(symbols, "latest_data");
        JsonNode detail = referenced(schemas, schemaOf(docs, "/api/v1/symbols/detailed").get("properties")
                .get("symbols").get("items"));
        assertAlwaysSet(detail, "latest_data", "validation_rate", "status");
        assertMayBeNull(detail, "bars_behind");
        JsonNode tracked = schemaOf(docs, "/api/v1/admin/symbols/{symbol}");
        assertAlwaysSet(tracked, "provider_ticker", "created_at");
        assertMayBeNull(tracked, "history_start");
        // the keys and the audit
        JsonNode key = schemaOf(docs, "/api/v1/admin/api-keys/{id}");
        assertAlwaysSet(key, "name", "key_preview");
        assertMayBeNull(key, "revoked_at");
        assertAlwaysSet(answerOf(docs, "/api/v1/admin/api-keys", "post", "201"), "key", "warning");
        JsonNode keyAudit = schemaOf(docs, "/api/v1/admin/api-keys/{id}/audit");
        assertAlwaysSet(keyAudit, "entries");
        assertMayBeNull(keyAudit, "next");
        JsonNode audit = schemaOf(docs, "/api/v1/admin/audit");
        assertAlwaysSet(audit, "entries");
        assertMayBeNull(audit, "next");
        JsonNode entry = referenced(schemas, audit.get("properties").get("entries").get("items"));
        assertAlwaysSet(entry, "action", "path", "occurred_at");
        assertMayBeNull(entry, "api_key_id", "status", "target_job_id");
        // the scheduler
        JsonNode scheduler = schemaOf(docs, "/api/v1/admin/scheduler-health");
        assertAlwaysSet(scheduler, "status", "reasons");
        JsonNode trigger = referenced(schemas, scheduler.get("properties").get("triggers").get("items"));
        assertAlwaysSet(trigger, "name", "state");
        assertMayBeNull(trigger, "next_fire_time", "cron_expression");
        JsonNode execution = referenced(schemas, schemaOf(docs, "/api/v1/admin/scheduler/execution-history")
                .get("properties").get("executions").get("items"));
        assertAlwaysSet(execution, "job_id", "created_at");
        assertMayBeNull(execution, "ended_at", "exit_message");
        // the features' staleness
        JsonNode staleness = referenced(schemas, schemaOf(docs, "/api/v1/admin/features/staleness")
                .get("properties").get("series").get("items"));
        assertAlwaysSet(staleness, "symbol", "staleness");
        assertMayBeNull(staleness, "last_feature_time", "bars_behind");
        // a request body may leave any field out
        assertThat(schemas.get("TriggerBody").has("required")).isFalse();
    }

    /** The fields are always in the answer, and never null. */
    private static void assertAlwaysSet(JsonNode schema, String... fields) {
        assertThat(names(schema.get("required"))).contains(fields);
        for (String field : fields) {
            assertThat(types(schema, field)).as(field).doesNotContain("null");
        }
    }

    /** The fields are always in the answer, and may be null. */
    private static void assertMayBeNull(JsonNode schema, String... fields) {
        assertThat(names(schema.get("required"))).contains(fields);
        for (String field : fields) {
            assertThat(types(schema, field)).as(field).contains("null");
        }
    }

    private static JsonNode referenced(JsonNode schemas, JsonNode reference) {
        return schemas.get(reference.get("$ref").stringValue().replace("#/components/schemas/", ""));
    }

    private static List<String> names(JsonNode array) {
        return array == null ? List.of() : array.valueStream().map(JsonNode::stringValue).toList();
    }

    /** A property's types: OpenAPI 3.1 writes one as a string, several (such as "or null") as an array. */
    private static List<String> types(JsonNode schema, String property) {
        JsonNode type = schema.get("properties").get(property).get("type");
        return type.isArray() ? names(type) : List.of(type.stringValue());
    }

    /** The schema of a GET's 200 answer, its reference followed. */
    private static JsonNode schemaOf(JsonNode docs, String path) {
        return answerOf(docs, path, "get", "200");
    }

    /** The schema of an operation's answer with that status, its reference followed. */
    private static JsonNode answerOf(JsonNode docs, String path, String method, String status) {
        String ref = docs.get("paths").get(path).get(method).get("responses").get(status).get("content")
                .get("application/json").get("schema").get("$ref").stringValue();
        return docs.get("components").get("schemas").get(ref.replace("#/components/schemas/", ""));
    }

    @Test
    void prometheusScrapesWithoutAKey() {
        // one family: the whole scrape grows past the test client's buffer as the suite makes requests
        String metrics = client.get().uri("/actuator/prometheus?includedNames=jvm_memory_used_bytes").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

    /** The Actuator answers an unknown health group with a bare 404; the client gets a problem like any other. */
    @Test
    void anErrorWithoutABodyIsAProblemToo() {
        for (String key : Arrays.asList(null, ADMIN_KEY)) {
            problem(request(HttpMethod.GET, "/actuator/health/db", key, null), 404,
                    "Nothing is served at /actuator/health/db; GET /actuator lists the operational endpoints");
        }
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private static JsonNode parameterSchema(JsonNode operation, String name) {
        return operation.get("parameters").valueStream().filter(p -> p.get("name").stringValue().equals(name))
                .findFirst().orElseThrow().get("schema");
    }

}
