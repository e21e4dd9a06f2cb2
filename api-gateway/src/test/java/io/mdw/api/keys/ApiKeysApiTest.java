package io.mdw.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mdw.api.ApiTestSupport;
import io.mdw.audit.CommandLineAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class ApiKeysApiTest extends ApiTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    AdminKeyBootstrap bootstrap;

    @Autowired
    ApiKeyRepository keys;

    /** Every endpoint that needs admin or trigger scope, with a body where it takes one. */
    private static final List<Endpoint> PROTECTED = List.of(
            new Endpoint(HttpMethod.GET, "/api/v1/admin/scheduler-health", null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/features/staleness", null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/scheduler/execution-history", null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/symbols", null),
            new Endpoint(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "AUTHX", "asset_class", "stock")),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/symbols/AUTHX", null),
            new Endpoint(HttpMethod.PUT, "/api/v1/admin/symbols/AUTHX", Map.of("active", true)),
            new Endpoint(HttpMethod.DELETE, "/api/v1/admin/symbols/AUTHX", null),
            new Endpoint(HttpMethod.PUT, "/api/v1/admin/symbols/AUTHX/timeframes", Map.of("timeframes", List.of("1d"))),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys", null),
            new Endpoint(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "x")),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys/1", null),
            new Endpoint(HttpMethod.PUT, "/api/v1/admin/api-keys/1", Map.of("name", "y")),
            new Endpoint(HttpMethod.DELETE, "/api/v1/admin/api-keys/1", null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys/1/audit", null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/audit", null),
            new Endpoint(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=AUTHX", null),
            new Endpoint(HttpMethod.POST, "/api/v1/enrichment/trigger", Map.of("symbol", "AUTHX")),
            new Endpoint(HttpMethod.POST, "/api/v1/enrichment/jobs/some-job/restart", null));

    record Endpoint(HttpMethod method, String uri, Object body) {
    }

    @Test
    void keysAreShownOnceStoredHashedAndListedByPreview() {
        JsonNode created = createKey("researcher", List.of("read"));
        String key = created.get("key").stringValue();
        assertThat(key).startsWith("mdw_").hasSize(4 + 43);
        assertThat(created.get("key_preview").stringValue()).isEqualTo(key.substring(0, 8) + "…");
        assertThat(created.get("scopes")).hasSize(1);

        String stored = jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE id = ?", String.class,
                created.get("id").longValue());
        assertThat(stored).isEqualTo(KeyMaterial.hash(key)).doesNotContain(key);

        String list = admin(HttpMethod.GET, "/api/v1/admin/api-keys", null).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(list).contains("researcher").doesNotContain(key);

        JsonNode one = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + created.get("id").longValue(), null)
                .expectStatus().isOk());
        assertThat(one.has("key")).isFalse();
    }

    @Test
    void everyAdminAndTriggerEndpointRefusesNoKeyAWrongKeyAReadKeyAndARevokedKey() {
        String readKey = createKey("reader", List.of("read")).get("key").stringValue();
        JsonNode revoked = createKey("leaver", List.of("admin"));
        admin(HttpMethod.DELETE, "/api/v1/admin/api-keys/" + revoked.get("id").longValue(), null)
                .expectStatus().isNoContent();
        String revokedKey = revoked.get("key").stringValue();

        for (Endpoint endpoint : PROTECTED) {
            assertRefused(endpoint, null, 401);
            assertRefused(endpoint, "mdw_not-a-key-at-all", 401);
            assertRefused(endpoint, readKey, 403);
            assertRefused(endpoint, revokedKey, 401);
        }
    }

    /** With a trailing slash, which is redirected to the path without it, the key is checked first. */
    @Test
    void aTrailingSlashIsRefusedWithoutTheKeyBeforeItIsRedirected() {
        String readKey = createKey("slash-reader", List.of("read")).get("key").stringValue();
        for (Endpoint endpoint : PROTECTED) {
            String[] pathAndQuery = endpoint.uri().split("\\?", 2);
            Endpoint slashed = new Endpoint(endpoint.method(), pathAndQuery[0] + "/"
                    + (pathAndQuery.length > 1 ? "?" + pathAndQuery[1] : ""), endpoint.body());
            asSent(slashed, null).expectStatus().isEqualTo(401);
            asSent(slashed, readKey).expectStatus().isEqualTo(403);
            asSent(slashed, ADMIN_KEY).expectStatus().isEqualTo(308);
        }
    }

    /**
     * The router decodes the path before it matches it: a path that spells a letter as its percent-encoding
     * (/api/v1/%61dmin) reaches the same endpoint as the plain one, so it needs the same key, and is audited alike.
     */
    @Test
    void aPathWithPercentEncodedLettersNeedsTheKeyOfTheEndpointItReachesAndIsAudited() {
        String readKey = createKey("encoded-reader", List.of("read")).get("key").stringValue();
        List<Endpoint> encoded = new ArrayList<>(PROTECTED.stream().map(endpoint -> new Endpoint(endpoint.method(),
                endpoint.uri().replace("/admin", "/%61dmin").replace("/trigger", "/%74rigger")
                        .replace("/restart", "/%72estart"), endpoint.body())).toList());
        encoded.add(new Endpoint(HttpMethod.GET, "/%61ctuator/metrics", null));
        encoded.add(new Endpoint(HttpMethod.GET, "/%61pi/v1/admin/api-keys", null));
        for (Endpoint endpoint : encoded) {
            assertThat(asSent(endpoint, null).expectStatus().isEqualTo(401).expectBody(String.class).returnResult()
                    .getResponseBody()).as("%s %s without a key", endpoint.method(), endpoint.uri()).contains("scope");
            asSent(endpoint, readKey).expectStatus().isEqualTo(403);
        }

        long id = createKey("encoded-target", List.of("read")).get("id").longValue();
        asSent(new Endpoint(HttpMethod.PUT, "/api/v1/%61dmin/api-keys/" + id, Map.of("name", "renamed")), ADMIN_KEY)
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT action FROM api_key_audit WHERE target_key_id = ? AND method = 'PUT'", String.class, id))
                .containsExactly("PUT /api/v1/admin/api-keys/{id}"));
    }

    private WebTestClient.ResponseSpec asSent(Endpoint endpoint, String key) {
        WebTestClient.RequestBodySpec spec = client.method(endpoint.method())
                .uri(URI.create("http://localhost:" + port + endpoint.uri()));
        if (key != null) {
            spec.header("X-API-Key", key);
        }
        if (endpoint.body() != null) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue(endpoint.body());
        }
        return spec.exchange();
    }

    @Test
    void aRequestRefusedForItsKeyCountsInTheMetricsUnderItsRoute() {
        String readKey = createKey("counted", List.of("read")).get("key").stringValue();
        String route = "/api/v1/admin/api-keys/{id}/audit";
        long noKey = requestsCounted("GET", route, 401);
        long readOnly = requestsCounted("GET", route, 403);
        long unknownKeys = requestsCounted("POST", "/api/v1/enrichment/trigger", 401);

        assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys/7/audit", null), null, 401);
        assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys/8/audit", null), readKey, 403);
        assertRefused(new Endpoint(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=AUTHX", null),
                "mdw_not-a-key-at-all", 401);

        // a request's observation ends as its answer is sent: the scrape may come first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(requestsCounted("GET", route, 401)).as("401s of GET %s", route).isEqualTo(noKey + 1);
            assertThat(requestsCounted("GET", route, 403)).as("403s of GET %s", route).isEqualTo(readOnly + 1);
            assertThat(requestsCounted("POST", "/api/v1/enrichment/trigger", 401)).isEqualTo(unknownKeys + 1);
        });
    }

    @Test
    void anAttemptBeyondTheKeysScopeIsAuditedWithoutItsQuery() {
        JsonNode reader = createKey("trespasser", List.of("read"));
        String readKey = reader.get("key").stringValue();

        assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys/1/audit?limit=5", null), readKey, 403);
        assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/admin/nothing-here?key=pasted-secret", null), readKey, 403);
        assertRefused(new Endpoint(HttpMethod.POST, "/api/v1/enrichment/trigger", Map.of("symbol", "AUTHX")), readKey,
                403);

        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + reader.get("id").longValue()
                + "/audit", null).expectStatus().isOk());
        List<JsonNode> entries = audit.get("entries").valueStream().toList();
        assertThat(entries).extracting(e -> e.get("action").stringValue()).containsExactly(
                "POST /api/v1/enrichment/trigger",
                "GET /api/v1/admin/nothing-here",
                "GET /api/v1/admin/api-keys/1/audit",
                "POST /api/v1/admin/api-keys");
        assertThat(entries.subList(0, 3)).allSatisfy(attempt -> {
            assertThat(attempt.get("status").intValue()).isEqualTo(403);
            assertThat(attempt.get("api_key_id").longValue()).isEqualTo(reader.get("id").longValue());
            assertThat(attempt.get("remote_address").stringValue()).isNotBlank();
        });
        // a refused request reached no handler: its query, which may hold anything, is not kept
        assertThat(audit.toString()).doesNotContain("pasted-secret", "limit=5");
    }

    /** A key pasted into a value an endpoint takes is kept in the audit as its preview, as keys are listed. */
    @Test
    void aKeyPastedIntoAnAuditedValueIsKeptAsItsPreviewOnly() {
        String pasted = KeyMaterial.newKey();

        admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=" + pasted, null).expectStatus().isBadRequest();
        admin(HttpMethod.POST, "/api/v1/enrichment/trigger", Map.of("symbols", List.of(pasted)))
                .expectStatus().isBadRequest();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT request_summary FROM api_key_audit WHERE request_summary LIKE ? ORDER BY id", String.class,
                "%" + pasted.substring(0, 8) + "%")).containsExactly("symbol=" + KeyMaterial.preview(pasted),
                "{\"symbols\":[\"" + KeyMaterial.preview(pasted) + "\"]}"));
    }

    /** MDW_ADMIN_API_KEY is the operator's choice, of any shape: pasted into a value, the audit holds it as listed. */
    @Test
    void theOperatorsKeyPastedIntoAnAuditedValueIsNotShown() {
        String withPlus = URLEncoder.encode(ADMIN_KEY + "+", StandardCharsets.UTF_8);

        admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=" + ADMIN_KEY, null).expectStatus().isBadRequest();
        asSent(new Endpoint(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=" + withPlus, null), ADMIN_KEY)
                .expectStatus().isBadRequest();
        admin(HttpMethod.POST, "/api/v1/enrichment/trigger", Map.of("symbols", List.of("X" + ADMIN_KEY)))
                .expectStatus().isBadRequest();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT request_summary FROM api_key_audit WHERE request_summary LIKE '%(not shown)%' ORDER BY id",
                String.class)).containsExactly("symbol=(not shown)", "symbol=(not shown)%2B",
                "{\"symbols\":[\"X(not shown)\"]}"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key_audit WHERE request_summary LIKE ?", Long.class,
                "%" + ADMIN_KEY.substring(0, 12) + "%")).isZero();
    }

    @Test
    void anotherMethodOnTheTriggerIsNotAllowedWithOrWithoutAKey() {
        for (String key : new String[] {null, ADMIN_KEY}) {
            assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/enrichment/trigger", null), key, 405);
            assertRefused(new Endpoint(HttpMethod.DELETE, "/api/v1/enrichment/jobs/x/restart", null), key, 405);
        }
    }

    @Test
    void twoKeysInOneRequestAreRefusedWhicheverComesFirst() {
        String readKey = createKey("doubled", List.of("read")).get("key").stringValue();
        for (List<String> keys : List.of(List.of(ADMIN_KEY, readKey), List.of(readKey, ADMIN_KEY))) {
            problem(client.get().uri("/api/v1/admin/api-keys").header("X-API-Key", keys.toArray(String[]::new))
                    .exchange(), 401, "Send one X-API-Key header; this request has 2");
        }
    }

    @Test
    void triggerKeysCannotAdminister() {
        String triggerKey = createKey("ops-bot", List.of("trigger")).get("key").stringValue();
        assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/admin/api-keys", null), triggerKey, 403);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndForGood() {
        JsonNode created = createKey("temp-admin", List.of("admin"));
        long id = created.get("id").longValue();
        String key = created.get("key").stringValue();
        request(HttpMethod.GET, "/api/v1/admin/api-keys", key, null).expectStatus().isOk();

        admin(HttpMethod.DELETE, "/api/v1/admin/api-keys/" + id, null).expectStatus().isNoContent();
        problem(request(HttpMethod.GET, "/api/v1/admin/api-keys", key, null), 401,
                "API key " + id + " is revoked, for good; an admin creates a new one with POST /api/v1/admin/api-keys");
        // a wrong key is refused even where reads are public: the caller should learn that its key is bad
        request(HttpMethod.GET, "/api/v1/symbols", key, null).expectStatus().isUnauthorized();
        problem(request(HttpMethod.GET, "/api/v1/symbols", "mdw_never-issued-key", null), 401,
                "The X-API-Key header holds an unknown key");

        problem(admin(HttpMethod.PUT, "/api/v1/admin/api-keys/" + id, Map.of("active", true)), 409,
                "revocation is permanent; create a new key");
        JsonNode listed = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id, null).expectStatus().isOk());
        assertThat(listed.get("active").booleanValue()).isFalse();
        assertThat(listed.get("revoked_at").isNull()).isFalse();
        request(HttpMethod.GET, "/api/v1/admin/api-keys", key, null).expectStatus().isUnauthorized();

        // the attempts of the revoked key at admin endpoints are audited as its own (reads are not audited)
        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit", null).expectStatus().isOk());
        List<JsonNode> attempts = audit.get("entries").valueStream()
                .filter(e -> e.get("api_key_id").asLong() == id && e.get("status").intValue() == 401).toList();
        assertThat(attempts).hasSize(2).allSatisfy(attempt ->
                assertThat(attempt.get("action").stringValue()).isEqualTo("GET /api/v1/admin/api-keys"));
    }

    @Test
    void aPausedKeyStopsWorkingAtOnceAndReactivationRestoresIt() {
        JsonNode created = createKey("paused-admin", List.of("admin"));
        long id = created.get("id").longValue();
        String key = created.get("key").stringValue();

        JsonNode paused = json(admin(HttpMethod.PUT, "/api/v1/admin/api-keys/" + id, Map.of("active", false))
                .expectStatus().isOk());
        assertThat(paused.get("active").booleanValue()).isFalse();
        assertThat(paused.get("revoked_at").isNull()).isTrue();
        problem(request(HttpMethod.GET, "/api/v1/admin/api-keys", key, null), 401, "API key " + id
                + " is paused; an admin resumes it with PUT /api/v1/admin/api-keys/" + id + " {\"active\": true}");
        JsonNode attempt = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit", null)
                .expectStatus().isOk()).get("entries").get(0);
        assertThat(attempt.get("api_key_id").longValue()).isEqualTo(id);
        assertThat(attempt.get("action").stringValue()).isEqualTo("GET /api/v1/admin/api-keys");
        assertThat(attempt.get("status").intValue()).isEqualTo(401);

        JsonNode reactivated = json(admin(HttpMethod.PUT, "/api/v1/admin/api-keys/" + id,
                Map.of("active", true, "name", "paused-admin-2")).expectStatus().isOk());
        assertThat(reactivated.get("active").booleanValue()).isTrue();
        assertThat(reactivated.get("name").stringValue()).isEqualTo("paused-admin-2");
        request(HttpMethod.GET, "/api/v1/admin/api-keys", key, null).expectStatus().isOk();
    }

    @Test
    void theWholeAuditShowsCommandLineActionsNoKeyTookPartIn() {
        new CommandLineAudit(jdbc.getDataSource()).record("load.submit", "mdw submit",
                List.of("submit", "--symbols", "AUDZ"), "load-from-the-cli", null);
        admin(HttpMethod.GET, "/api/v1/admin/symbols", null).expectStatus().isOk();

        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/audit?limit=2", null).expectStatus().isOk());
        assertThat(audit.get("count").intValue()).isEqualTo(2);
        JsonNode api = audit.get("entries").get(0);
        JsonNode cli = audit.get("entries").get(1);
        assertThat(api.get("action").stringValue()).isEqualTo("GET /api/v1/admin/symbols");
        assertThat(cli.get("action").stringValue()).isEqualTo("load.submit (mdw submit)");
        assertThat(cli.get("method").stringValue()).isEqualTo("CLI");
        assertThat(cli.get("target_job_id").stringValue()).isEqualTo("load-from-the-cli");
        assertThat(cli.get("api_key_id").isNull()).isTrue();
        problem(admin(HttpMethod.GET, "/api/v1/admin/audit?limit=0", null), 400, "'limit' must be between 1 and 1000");
        assertRefused(new Endpoint(HttpMethod.GET, "/api/v1/admin/audit", null), null, 401);
    }

    @Test
    void theAuditIsReadPageByPageFollowingNextWithoutLosingOrRepeatingAnEntry() {
        // the entries from here on: the suite's other classes audit hundreds in the same database before this one
        long before = ids(json(admin(HttpMethod.GET, "/api/v1/admin/audit?limit=1", null).expectStatus().isOk())).get(0);
        CommandLineAudit cli = new CommandLineAudit(jdbc.getDataSource());
        for (int i = 0; i < 7; i++) {
            cli.record("load.submit", "mdw submit", List.of("submit", "--symbols", "PAGE" + i), "load-page-" + i, null);
        }
        List<Long> whole = ids(json(admin(HttpMethod.GET, "/api/v1/admin/audit?limit=50", null).expectStatus().isOk()))
                .stream().filter(id -> id > before).toList();

        List<Long> paged = new ArrayList<>();
        String next = "/api/v1/admin/audit?limit=3";
        while (next != null && (paged.isEmpty() || paged.get(paged.size() - 1) > before)) {
            JsonNode page = json(admin(HttpMethod.GET, next, null).expectStatus().isOk());
            paged.addAll(ids(page));
            next = page.get("next").isNull() ? null : page.get("next").stringValue();
            assertThat(page.get("count").intValue()).isEqualTo(next == null ? page.get("entries").size() : 3);
        }
        paged = paged.stream().filter(id -> id > before).toList();

        // the first page also shows the read of the whole list, audited after it; the reads of the pages are audited
        // after their place in the list, so no page after the first shows them
        assertThat(paged).doesNotHaveDuplicates().hasSize(whole.size() + 1);
        assertThat(paged.subList(1, paged.size())).isEqualTo(whole);
        assertThat(whole).hasSize(8); // the 7 recorded and the read of the newest entry before them

        problem(admin(HttpMethod.GET, "/api/v1/admin/audit?after=987654321", null), 400,
                "'after' is 987654321, which is no audit entry's id");
    }

    @Test
    void aKeysAuditPagesLinkToTheNextPageOfThatKey() {
        long id = createKey("paged", List.of("read")).get("id").longValue();
        CommandLineAudit cli = new CommandLineAudit(jdbc.getDataSource());
        cli.record("key.update", "mdw keys", List.of("keys"), null, id);
        cli.record("key.update", "mdw keys", List.of("keys"), null, id);

        JsonNode first = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit?limit=2", null)
                .expectStatus().isOk());
        String next = first.get("next").stringValue();
        assertThat(next).isEqualTo("/api/v1/admin/api-keys/" + id + "/audit?limit=2&after=" + ids(first).get(1));
        JsonNode second = json(admin(HttpMethod.GET, next, null).expectStatus().isOk());

        assertThat(second.get("entries").get(0).get("action").stringValue()).isEqualTo("POST /api/v1/admin/api-keys");
        assertThat(second.get("count").intValue()).isEqualTo(1);
        assertThat(second.get("next").isNull()).isTrue();

        // an entry of another key's audit is no place in this one
        long other = createKey("other", List.of("read")).get("id").longValue();
        long othersEntry = ids(json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + other + "/audit", null)
                .expectStatus().isOk())).get(0);
        problem(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit?after=" + othersEntry, null), 400,
                "'after' is " + othersEntry + ", which is no entry of key " + id + "'s audit");
    }

    private static List<Long> ids(JsonNode audit) {
        return audit.get("entries").valueStream().map(entry -> entry.get("id").longValue()).toList();
    }

    @Test
    void aKeysAuditShowsItsCreationFromTheCommandLineWhereNoKeyActed() {
        long id = createKey("made-by-cli", List.of("read")).get("id").longValue();
        new CommandLineAudit(jdbc.getDataSource()).record("key.create", "mdw keys create",
                List.of("keys", "create", "--name", "made-by-cli"), null, id);

        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit", null).expectStatus().isOk());

        JsonNode fromCli = audit.get("entries").get(0);
        assertThat(fromCli.get("api_key_id").isNull()).isTrue();
        assertThat(fromCli.get("key_name").stringValue()).isEqualTo("cli:" + System.getProperty("user.name"));
        assertThat(fromCli.get("action").stringValue()).isEqualTo("key.create (mdw keys create)");
        assertThat(fromCli.get("method").stringValue()).isEqualTo("CLI");
        assertThat(fromCli.get("target_key_id").longValue()).isEqualTo(id);
        assertThat(fromCli.get("remote_address").stringValue()).startsWith(System.getProperty("user.name") + "@");
        assertThat(fromCli.get("occurred_at").stringValue()).endsWith("Z");
    }

    @Test
    void actionsAreAuditedWithWhoWhatWhenAndWhere() {
        JsonNode created = createKey("auditor", List.of("admin"));
        long id = created.get("id").longValue();
        String key = created.get("key").stringValue();
        request(HttpMethod.POST, "/api/v1/admin/symbols", key, Map.of("symbol", "AUDT", "asset_class", "etf"))
                .expectStatus().isCreated();
        request(HttpMethod.DELETE, "/api/v1/admin/symbols/AUDT", key, null).expectStatus().isOk();

        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit", null).expectStatus().isOk());
        List<String> actions = audit.get("entries").valueStream().map(e -> e.get("action").stringValue()).toList();
        assertThat(actions).containsExactly(
                "DELETE /api/v1/admin/symbols/{symbol}",
                "POST /api/v1/admin/symbols",
                "POST /api/v1/admin/api-keys");
        JsonNode latest = audit.get("entries").get(0);
        assertThat(latest.get("api_key_id").longValue()).isEqualTo(id);
        assertThat(latest.get("key_name").stringValue()).isEqualTo("auditor");
        assertThat(latest.get("path").stringValue()).isEqualTo("/api/v1/admin/symbols/AUDT");
        assertThat(latest.get("status").intValue()).isEqualTo(200);
        assertThat(latest.get("remote_address").stringValue()).isNotBlank();
        assertThat(latest.get("occurred_at").stringValue()).endsWith("Z");
        JsonNode creation = audit.get("entries").get(2);
        assertThat(creation.get("target_key_id").longValue()).isEqualTo(id);
        assertThat(creation.get("key_name").stringValue()).isEqualTo("admin (MDW_ADMIN_API_KEY)");
    }

    @Test
    void triggersAndRestartsAreAuditedWithTheirJobAndWhatTheyAskedFor() {
        JsonNode created = createKey("launcher", List.of("trigger"));
        long id = created.get("id").longValue();
        String key = created.get("key").stringValue();
        String query = "symbol=AUDJ&timeframes=1d&start=2024-01-01&end=2024-01-31";
        String queryJob = json(request(HttpMethod.POST, "/api/v1/enrichment/trigger?" + query, key, null)
                .expectStatus().isAccepted()).get("job_id").stringValue();
        String bodyJob = json(request(HttpMethod.POST, "/api/v1/enrichment/trigger", key,
                Map.of("symbols", List.of("AUDK", "AUDL"), "timeframes", List.of("1h"), "start", "2024-01-01"))
                .expectStatus().isAccepted()).get("job_id").stringValue();
        request(HttpMethod.POST, "/api/v1/enrichment/trigger?" + query, key, null).expectStatus().isEqualTo(409);
        request(HttpMethod.POST, "/api/v1/enrichment/jobs/" + bodyJob + "/restart", key, null).expectStatus().isEqualTo(409);
        // a parameter the endpoint does not take is refused, and not recorded: it could hold anything
        request(HttpMethod.POST, "/api/v1/enrichment/trigger?" + query + "&api_key=mdw_leaked-secret", key, null)
                .expectStatus().isBadRequest();

        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + id + "/audit", null).expectStatus().isOk());
        List<JsonNode> entries = audit.get("entries").valueStream().toList();
        assertThat(entries).extracting(e -> e.get("action").stringValue()).containsExactly(
                "POST /api/v1/enrichment/trigger",
                "POST /api/v1/enrichment/jobs/{jobId}/restart",
                "POST /api/v1/enrichment/trigger",
                "POST /api/v1/enrichment/trigger",
                "POST /api/v1/enrichment/trigger",
                "POST /api/v1/admin/api-keys");
        assertThat(entries).extracting(e -> e.get("target_job_id").stringValue())
                .containsExactly(null, bodyJob, queryJob, bodyJob, queryJob, null);
        assertThat(entries).extracting(e -> e.get("request_summary").stringValue()).containsExactly(null, null, query,
                "{\"symbols\":[\"AUDK\",\"AUDL\"],\"timeframes\":[\"1h\"],\"start\":\"2024-01-01\"}", query,
                "{\"name\":\"launcher\",\"scopes\":[\"trigger\"]}");
        assertThat(entries).extracting(e -> e.get("status").intValue()).containsExactly(400, 409, 409, 202, 202, 201);
        assertThat(audit.toString()).doesNotContain(key).doesNotContain("leaked-secret");
    }

    /** What a key or symbol operation changed is in its entry: a read key raised to admin and lowered again differ. */
    @Test
    void keyAndSymbolChangesAreAuditedWithWhatTheyChanged() {
        long id = createKey("raised", List.of("read")).get("id").longValue();
        admin(HttpMethod.PUT, "/api/v1/admin/api-keys/" + id, Map.of("scopes", List.of("admin"))).expectStatus().isOk();
        admin(HttpMethod.PUT, "/api/v1/admin/api-keys/" + id, Map.of("scopes", List.of("read"), "active", false))
                .expectStatus().isOk();
        admin(HttpMethod.POST, "/api/v1/admin/symbols", Map.of("symbol", "AUDS", "timeframes", List.of("1d")))
                .expectStatus().isCreated();
        admin(HttpMethod.PUT, "/api/v1/admin/symbols/AUDS/timeframes", Map.of("timeframes", List.of("1d", "1h")))
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT request_summary FROM api_key_audit WHERE target_key_id = ? AND method = 'PUT' ORDER BY id",
                String.class, id)).containsExactly("{\"scopes\":[\"admin\"]}", "{\"scopes\":[\"read\"],\"active\":false}"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT request_summary FROM api_key_audit WHERE path LIKE '/api/v1/admin/symbols%' AND method <> 'GET'"
                        + " AND request_summary LIKE '%AUDS%' OR path = '/api/v1/admin/symbols/AUDS/timeframes' ORDER BY id",
                String.class)).containsExactly("{\"symbol\":\"AUDS\",\"timeframes\":[\"1d\"]}",
                "{\"timeframes\":[\"1d\",\"1h\"]}"));
    }

    /** The API starting with another MDW_ADMIN_API_KEY than before revokes the key the earlier value made. */
    @Test
    void aChangedAdminKeyVariableRevokesTheKeyOfItsEarlierValue() {
        String earlier = "an-earlier-admin-key-0123456789";
        jdbc.update("INSERT INTO api_keys (name, key_hash, key_preview, scopes) VALUES (?, ?, ?, '{admin}')",
                "admin (MDW_ADMIN_API_KEY)", KeyMaterial.hash(earlier), AdminKeyBootstrap.OPERATOR_KEY_PREVIEW);
        request(HttpMethod.GET, "/api/v1/admin/api-keys", earlier, null).expectStatus().isOk();

        // as when the API starts again, with the test's MDW_ADMIN_API_KEY
        bootstrap.run(null);

        problem(request(HttpMethod.GET, "/api/v1/admin/api-keys", earlier, null), 401, "is revoked");
        admin(HttpMethod.GET, "/api/v1/admin/api-keys", null).expectStatus().isOk();
        Long earlierId = jdbc.queryForObject("SELECT id FROM api_keys WHERE key_hash = ?", Long.class,
                KeyMaterial.hash(earlier));
        assertThat(jdbc.queryForList("SELECT action FROM api_key_audit WHERE target_key_id = ?", String.class, earlierId))
                .contains("revoke replaced admin key");

        // an API started again with the earlier value does not bring the revoked key back, nor revoke today's
        assertThatThrownBy(() -> new AdminKeyBootstrap(keys, new AdminKeySettings(earlier)).run(null))
                .hasMessageContaining("MDW_ADMIN_API_KEY holds a key that was revoked");
        problem(request(HttpMethod.GET, "/api/v1/admin/api-keys", earlier, null), 401, "is revoked");
        admin(HttpMethod.GET, "/api/v1/admin/api-keys", null).expectStatus().isOk();
    }

    @Test
    void theBootstrapOfTheAdminKeyIsAudited() {
        Long adminId = jdbc.queryForObject("SELECT id FROM api_keys WHERE key_hash = ?", Long.class,
                KeyMaterial.hash(ADMIN_KEY));
        JsonNode audit = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys/" + adminId + "/audit?limit=1000", null)
                .expectStatus().isOk());
        assertThat(audit.get("entries").valueStream().map(e -> e.get("action").stringValue()))
                .contains("ensure admin key");
    }

    @Test
    void theAdminKeyFromTheEnvironmentIsListedWithoutAnyOfItsCharacters() {
        JsonNode list = json(admin(HttpMethod.GET, "/api/v1/admin/api-keys", null).expectStatus().isOk());

        JsonNode admin = list.findParents("name").stream()
                .filter(key -> key.get("name").stringValue().equals("admin (MDW_ADMIN_API_KEY)")).findFirst().orElseThrow();
        assertThat(admin.get("key_preview").stringValue()).isEqualTo("(not shown)");
        assertThat(list.toString()).doesNotContain(ADMIN_KEY.substring(0, 8));
    }

    @Test
    void badKeyRequestsAreProblems() {
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "")), 400, "'name' is required");
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "n".repeat(101))), 400,
                "'name' is 101 characters long; at most 100");
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "\uD83D\uDE00".repeat(101))), 400,
                "'name' is 101 characters long; at most 100");
        // 100 emoji are 100 characters, though Java counts 200
        assertThat(json(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "\uD83D\uDE00".repeat(100)))
                .expectStatus().isCreated()).get("name").stringValue()).isEqualTo("\uD83D\uDE00".repeat(100));
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "a\u0000b")), 400,
                "'name' holds the control character U+0000; send the value without it");
        problem(admin(HttpMethod.PUT, "/api/v1/admin/api-keys/1", Map.of("name", "a\nb")), 400,
                "'name' holds the control character U+000A; send the value without it");
        // a name must show who uses the key: not only invisible characters, not half a character
        for (String invisible : List.of("\u200b", "\u00a0", "\ufeff", " \u2060 ")) {
            problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", invisible)), 400,
                    "'name' is required: 1 to 100 characters naming who uses the key, at least one of them visible");
        }
        // as sent by a client: the JSON escape of half a pair (a Java string of it would not encode)
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", "{\"name\": \"a\\ud800\"}"), 400,
                "'name' holds half of a surrogate pair, U+D800; send the value without it");
        // a character beyond the first 65,536 is two chars in Java, and as visible as any (U+1D800, Sutton SignWriting)
        JsonNode signWriting = json(admin(HttpMethod.POST, "/api/v1/admin/api-keys", "{\"name\": \"\\ud836\\udc00\"}")
                .expectStatus().isCreated());
        assertThat(signWriting.get("name").stringValue()).isEqualTo("\ud836\udc00");
        problem(admin(HttpMethod.PUT, "/api/v1/admin/api-keys/1", Map.of("name", "a\u2028b")), 400,
                "'name' holds the line separator U+2028; send the value without it");
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "x", "scopes", List.of("read\u0000"))),
                400, "'scopes[0]' holds the control character U+0000; send the value without it");
        problem(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", "x", "scopes", List.of("root"))), 400,
                "Invalid scope 'root'");
        problem(admin(HttpMethod.GET, "/api/v1/admin/api-keys/999999", null), 404, "No API key with id 999999");
        problem(admin(HttpMethod.GET, "/api/v1/admin/api-keys/abc", null), 400, "Invalid value 'abc' for 'id'");
    }

    private JsonNode createKey(String name, List<String> scopes) {
        return json(admin(HttpMethod.POST, "/api/v1/admin/api-keys", Map.of("name", name, "scopes", scopes))
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/admin/api-keys/\\d+"));
    }

    private void assertRefused(Endpoint endpoint, String key, int status) {
        byte[] body = request(endpoint.method(), endpoint.uri(), key, endpoint.body())
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        assertThat(JSON.readTree(body).get("status").intValue())
                .as("%s %s with key %s", endpoint.method(), endpoint.uri(), key).isEqualTo(status);
    }
}
