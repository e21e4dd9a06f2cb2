package io.mdw.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Hundreds of malformed paths, parameters, headers and bodies: the API must never answer 5xx, and every error
 * must be problem+json, including those the HTTP server gives before any of the API's handlers runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest extends ApiTestSupport {

    private static final List<String> READ_PATHS = List.of(
            "/api/v1/historical/%s?timeframe=%s&start=%s&end=%s&limit=%s&min_quality=%s&validated_only=%s&format=%s&cursor=%s",
            "/api/v1/bars?symbols=%s&timeframe=%s&start=%s&end=%s&limit=%s&min_quality=%s&validated_only=%s&format=%s&cursor=%s",
            "/api/v1/data/quality/%s?days=%s",
            "/api/v1/enrichment/status/%s",
            "/api/v1/enrichment/jobs/%s",
            "/api/v1/admin/symbols/%s",
            "/api/v1/admin/api-keys/%s/audit?limit=%s",
            "/api/v1/admin/scheduler/execution-history?limit=%s",
            "/api/v1/enrichment/jobs?limit=%s");

    private static final List<String> NASTY = List.of("", "%20", "-1", "0", "99999999999999999999", "1e309", "NaN",
            "Infinity", "null", "true", "%00", "%27%20OR%201%3D1--", "%3Cscript%3E", "..%2F..%2Fetc%2Fpasswd",
            "2024-13-45", "2024-02-30", "0000-01-01", "9999-12-31", "2024-01-01T25:00:00Z", "%E2%82%AC", "A".repeat(300),
            "1d%2C5m", "X%3AETHUSD", "%F0%9F%92%A5", "1.5", "-0.0", "2", "abc", "%25", "%2B1");

    private static final List<String> BODIES = List.of("", "{", "}", "[]", "null", "42", "\"text\"", "{\"symbol\": }",
            "{\"symbol\": 5}", "{\"symbols\": \"AAPL\"}", "{\"symbols\": [null]}", "{\"timeframes\": [null], \"symbol\": \"A\"}",
            "{\"timeframes\": \"1d\", \"symbol\": \"A\"}", "{\"symbol\": \"A\", \"start\": 17}", "{\"name\": null}",
            "{\"name\": \"" + "n".repeat(5000) + "\"}", "{\"scopes\": [1, 2], \"name\": \"x\"}", "{\"active\": \"maybe\"}",
            "[".repeat(5000), "{\"a\":".repeat(2000), "{\"symbol\": \"\\u0000\"}", "\u0000\u0001\u0002",
            "{\"symbol\": \"AAPL\", \"asset_class\": [\"stock\"]}", "{\"timeframes\": {}}");

    private static final List<String> WRITE_PATHS = List.of("/api/v1/enrichment/trigger", "/api/v1/admin/symbols",
            "/api/v1/admin/api-keys", "/api/v1/admin/symbols/AAPL", "/api/v1/admin/symbols/AAPL/timeframes",
            "/api/v1/admin/api-keys/1", "/api/v1/enrichment/jobs/x/restart");

    @LocalServerPort
    int port;

    @Test
    void malformedParametersNeverFailTheServer() {
        Random random = new Random(42);
        int requests = 0;
        for (String template : READ_PATHS) {
            int placeholders = template.split("%s", -1).length - 1;
            for (int i = 0; i < 40; i++) {
                Object[] values = new Object[placeholders];
                for (int p = 0; p < placeholders; p++) {
                    values[p] = NASTY.get(random.nextInt(NASTY.size()));
                }
                String uri = template.formatted(values);
                assertNoServerError(HttpMethod.GET, uri, ADMIN_KEY, null, null, null);
                requests++;
            }
        }
        assertThat(requests).isGreaterThanOrEqualTo(300);
    }

    @Test
    void malformedBodiesAndContentTypesNeverFailTheServer() {
        List<String> contentTypes = List.of("application/json", "text/plain", "application/xml", "garbage", ";;",
                "application/json; charset=ebcdic", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded");
        int requests = 0;
        for (String path : WRITE_PATHS) {
            for (String body : BODIES) {
                for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT)) {
                    assertNoServerError(method, path, ADMIN_KEY, "application/json", body, null);
                    requests++;
                }
            }
            for (String contentType : contentTypes) {
                assertNoServerError(HttpMethod.POST, path, ADMIN_KEY, contentType, "{\"symbol\": \"A\"}", null);
                requests++;
            }
        }
        assertThat(requests).isGreaterThanOrEqualTo(300);
    }

    @Test
    void hostileHeadersMethodsAndPathsNeverFailTheServer() {
        List<String> accepts = List.of("application/xml", "text/csv;q=0", "*/*;q=abc", "text/html", "application/*",
                "image/png, text/csv;q=0.5", ";;;", "application/x-ndjson", "text/csv", "application/problem+json");
        List<String> keys = List.of("", " ", "x".repeat(7_000), "Bearer abc", "null", "mdw_' OR 1=1 --", "\u00e9\u00ff");
        List<String> paths = List.of("/", "/api", "/api/v1", "/api/v1/", "/api/v1/historical", "/api/v1/historical/",
                "/api/v1/historical/AAPL/extra", "/nope", "/api/v1/admin", "/api/v1/admin/", "/api/v1/symbols/x/y",
                "/api/v1/enrichment/trigger/x", "/actuator/env", "/actuator/nope", "/v3/api-docs/nope",
                "/api/v1/historical/%2e%2e%2fadmin", "/api/v1/bars;jsessionid=1", "/api/v1/historical/AAPL;x=1");
        List<HttpMethod> methods = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
                HttpMethod.PATCH, HttpMethod.HEAD, HttpMethod.OPTIONS);
        int requests = 0;
        for (String accept : accepts) {
            assertNoServerError(HttpMethod.GET, "/api/v1/historical/AAPL?start=2024-01-01&end=2024-01-31", null, null, null, accept);
            assertNoServerError(HttpMethod.GET, "/api/v1/symbols", null, null, null, accept);
            requests += 2;
        }
        for (String key : keys) {
            assertNoServerError(HttpMethod.GET, "/api/v1/admin/symbols", key, null, null, null);
            assertNoServerError(HttpMethod.GET, "/api/v1/symbols", key, null, null, null);
            requests += 2;
        }
        for (String path : paths) {
            for (HttpMethod method : methods) {
                assertNoServerError(method, path, null, null, null, null);
                assertNoServerError(method, path, ADMIN_KEY, null, null, null);
                requests += 2;
            }
        }
        assertThat(requests).isGreaterThanOrEqualTo(250);
    }

    @Test
    void rawRequestsThatNoClientLibraryWouldSend() throws IOException {
        List<String> targets = List.of("/api/v1/historical/%zz?start=2024-01-01&end=2024-01-31",
                "/api/v1/historical/AAPL?start=%zz&end=2024-01-31", "/api/v1/bars?symbols=%&start=1&end=2",
                "/api/v1/historical/AAPL?start=2024-01-01&end=2024-01-31&&&&=&=", "/api/v1/historical/%C0%AE%C0%AE",
                "/api/v1/historical/AAPL?" + "a=1&".repeat(500) + "start=x", "/api/v1/historical/" + "%41".repeat(500),
                "/api/v1/historical/AAPL?timeframe=%ff%fe",
                "/api/v1/historical/..%2F..%2Fetc%2Fpasswd?start=2024-01-01&end=2024-01-02",
                "/api/v1/historical/a%00b?start=2024-01-01&end=2024-01-02", "/api/v1/%2e%2e/admin/symbols",
                "/api/v1/historical/" + "B".repeat(20_000) + "?start=2024-01-01&end=2024-01-02",
                "/api/v1/bars?symbols=" + "AAPL,".repeat(4_000) + "&start=2024-01-01&end=2024-01-02");
        List<String> requests = new ArrayList<>();
        targets.forEach(target -> requests.add("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        requests.add("GET /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: mdw_\u00e9\u00e8\u00ff\r\nConnection: close\r\n\r\n");
        requests.add("POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\nContent-Type: garbage\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        requests.add("POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n\u00ff\u00fe{}");
        requests.add("GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\nAccept: \u00ff/\u00ff\r\nConnection: close\r\n\r\n");
        for (String request : requests) {
            String target = request.substring(0, request.indexOf('\r'));
            assertProblem(target, raw(request), 400, 499, "");
        }
    }

    /**
     * Requests Reactor Netty refuses while decoding them, or Spring's server adapter because their URI does not parse:
     * no handler of the API sees them, and they are explained all the same.
     */
    @Test
    void requestsRefusedBeforeAnyHandlerAreExplainedAsProblems() throws IOException {
        String beyondLimit = "x".repeat(65 * 1024);
        String get = "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n";
        String post = "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\n";
        Map<String, Refused> refusals = new LinkedHashMap<>();
        refusals.put("GET /api/v1/historical/AAPL%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new Refused(400, "invalid percent-encoding at character 24 ('%zz')"));
        refusals.put("GET /api/v1/historical/AAPL?start=% HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new Refused(400, "invalid percent-encoding"));
        refusals.put("GET /api/v1/historical/a\\b HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new Refused(400, "must be percent-encoded at character 21: '\\'; send it as %5C"));
        refusals.put("GET /api/v1/historical/{AAPL} HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new Refused(400, "send it as %7B"));
        refusals.put("GET /api/v1/historical/a\u0001b HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new Refused(400, "control character; send it as %01"));
        refusals.put("GET /api/v1/historical/" + beyondLimit + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new Refused(414, "longer than this server's limit of 64 KB"));
        refusals.put(get + "X-Big: " + beyondLimit + "\r\n\r\n", new Refused(431, "exceed this server's limit of 64 KB"));
        refusals.put(get + ("X-Many: " + "y".repeat(1_000) + "\r\n").repeat(70) + "\r\n",
                new Refused(431, "exceed this server's limit of 64 KB"));
        refusals.put("GARBAGE\r\n\r\n", new Refused(400, "not valid HTTP/1.1"));
        refusals.put("GET /\r\n\r\n", new Refused(400, "HTTP/0.9"));
        refusals.put("GET / FOO/1.1\r\nHost: localhost\r\n\r\n", new Refused(400, "invalid version format"));
        refusals.put("G@T / HTTP/1.1\r\nHost: localhost\r\n\r\n", new Refused(400, "Illegal character in HTTP Method"));
        refusals.put("GET /api/v1/historical/a b HTTP/1.1\r\nHost: localhost\r\n\r\n", new Refused(400, "encoded as %20"));
        refusals.put("GET /api/v1/symbols HTTP/1.1\nHost: localhost\n\n", new Refused(400, "Carriage Return"));
        refusals.put(get + "Bad Header: x\r\n\r\n", new Refused(400, "header name can only contain"));
        refusals.put(get + "NoColon\r\n\r\n", new Refused(400, "No colon found"));
        refusals.put(get + "X-Nul: a\u0000b\r\n\r\n", new Refused(400, "prohibited character 0x0"));
        refusals.put(post + "Content-Length: abc\r\n\r\n", new Refused(400, "Content-Length value is not a number"));
        refusals.put(post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", new Refused(400, "Multiple Content-Length"));
        refusals.put(post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                new Refused(400, "Transfer-Encoding"));
        refusals.put(post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                new Refused(400, "chunked transfer coding is not valid (a chunk size is not a hexadecimal number)"));
        // Netty's codec fails such a chunk size with an index out of bounds, whose message said nothing to fix
        refusals.put(post + "Transfer-Encoding: chunked\r\n\r\n2\u00e9\r\n{}\r\n0\r\n\r\n",
                new Refused(400, "The request body's chunked transfer coding is not valid (a chunk size is not a"
                        + " hexadecimal number)"));
        refusals.put(post + "Transfer-Encoding: chunked\r\n\r\n80000000\r\n{}\r\n0\r\n\r\n",
                new Refused(400, "chunked transfer coding is not valid (Chunk size overflow: 2147483648)"));
        // Reactor Netty answered these two 414 and 431 with no body, as if the request line or headers were too long
        refusals.put(post + "Transfer-Encoding: chunked\r\n\r\n2;a=" + beyondLimit + "\r\n{}\r\n0\r\n\r\n",
                new Refused(400, "A chunk-size line of the request body is longer than this server's limit of 64 KB"));
        refusals.put(post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Big: " + beyondLimit + "\r\n\r\n",
                new Refused(431, "trailer fields exceed this server's limit of 64 KB"));
        // Java's parse errors ('For input string: "http"') were the details of these three
        refusals.put("GET /api/v1/symbols HTTP/1.1\r\nHost: localhost:http\r\n\r\n",
                new Refused(400, "The Host header 'localhost:http' is not valid; send the server's name"));
        refusals.put("GET /api/v1/symbols HTTP/1.1\r\nHost: [::1\r\n\r\n", new Refused(400, "The Host header '[::1'"));
        refusals.put(post + "Content-Length: 99999999999999999999\r\n\r\n",
                new Refused(400, "(Content-Length value is not a number: 99999999999999999999)"));
        refusals.put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", new Refused(400, "HTTP/1.1 only"));
        for (Map.Entry<String, Refused> refusal : refusals.entrySet()) {
            String request = refusal.getKey();
            String what = abbreviate(request.substring(0, Math.max(request.indexOf('\n'), 0)));
            Refused expected = refusal.getValue();
            assertProblem(what, firstResponse(request), expected.status(), expected.status(), expected.detailPart());
        }
    }

    @Test
    void aRefusedUriLeavesTheConnectionUsableAndPipelinedAnswersInOrder() throws IOException {
        String valid = "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String unparseable = "GET /api/v1/historical/AAPL%zz HTTP/1.1\r\nHost: localhost\r\n\r\n";
        try (KeptAlive connection = new KeptAlive(30_000)) {
            // one after the other on a kept-alive connection
            for (String request : List.of(valid, unparseable, valid)) {
                assertAnswer(request, connection.exchange(request));
            }
            // all at once, as a pipelining client sends them
            connection.send(unparseable + valid + unparseable);
            for (String request : List.of(unparseable, valid, unparseable)) {
                assertAnswer(request, connection.read());
            }
        }
    }

    /**
     * A request answered at once (a refused URI, a CORS preflight) behind one still finishing on the same connection
     * once left Reactor Netty not reading that connection (reactor/reactor-netty#4361): about one connection in ten
     * stalled, on its next request or on that one. Fifty connections of each make the stall all but certain to show
     * if it comes back.
     */
    @Test
    void everyKeptAliveConnectionAnswersEveryRequestAroundOnesAnsweredAtOnce() throws IOException {
        String valid = "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String unparseable = "GET /api/v1/historical/AAPL%zz HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String preflight = "OPTIONS /api/v1/bars HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for (String answeredAtOnce : List.of(unparseable, preflight)) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try (KeptAlive connection = new KeptAlive(5_000)) {
                    for (String request : List.of(valid, answeredAtOnce, valid)) {
                        assertAnswer(request, connection.exchange(request));
                    }
                }
            }
        }
    }

    /**
     * The same stall hit what the codec cannot read, sent behind another request: a request line or an HTTP/2 preface
     * was never answered, and after a body whose chunks do not parse the connection stayed open but read nothing more.
     * Each is answered in turn, and the connection closed.
     */
    @Test
    void whatTheCodecCannotReadIsAnsweredBehindAnotherRequestAndClosesTheConnection() throws IOException {
        String valid = "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n";
        Map<String, String> unreadable = Map.of(
                "PUT /api/v1/historical/x y?format=csv HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}",
                "not valid HTTP/1.1",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP/1.1 only",
                "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "chunked transfer coding");
        for (Map.Entry<String, String> request : unreadable.entrySet()) {
            String what = abbreviate(request.getKey().substring(0, request.getKey().indexOf('\r')));
            for (int attempt = 0; attempt < 30; attempt++) {
                try (KeptAlive connection = new KeptAlive(5_000)) {
                    assertAnswer(valid, connection.exchange(valid));
                    String refusal = connection.exchange(request.getKey());
                    assertProblem(what, refusal, 400, 400, request.getValue());
                    assertThat(refusal.toLowerCase()).as(what).contains("connection: close");
                    assertThat(connection.in.read()).as(what + ": closed after the refusal").isEqualTo(-1);
                }
            }
        }
    }

    /**
     * A client that breaks a body off, or sends a broken chunk (after a good one, or first, to an endpoint that refuses
     * the request without reading its body), is no server failure: none is logged.
     */
    @Test
    void aBodyBrokenOffOrWithABrokenChunkIsNotLoggedAsAServerFailure(CapturedOutput log) throws Exception {
        String head = "POST /api/v1/admin/api-keys HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\n";
        String body = "{\"name\": \"chunk-then-junk\"}";
        String goodChunkThenJunk = head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\nZZ\r\n\r\n";
        String chunkedToAGetOnlyEndpoint = "POST /api/v1/status HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
        List<String> brokenFirstChunks = List.of("3\nabc\n0\n\n", "3;x=(y)\r\nabc\r\n0\r\n\r\n",
                "FFFFFFFFFF\r\nabc\r\n0\r\n\r\n");

        assertProblem("a good chunk, then a bad one", raw(goodChunkThenJunk), 400, 400, "chunked transfer coding");
        for (int attempt = 0; attempt < 10; attempt++) {
            for (String chunks : brokenFirstChunks) {
                assertProblem(abbreviate(chunks), raw(chunkedToAGetOnlyEndpoint + chunks), 400, 400,
                        "chunked transfer coding");
            }
        }
        try (Socket socket = new Socket("localhost", port)) {
            // 998 of the 1000 bytes promised are never sent
            socket.getOutputStream().write((head + "Content-Length: 1000\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the client gives up waiting, once the server is reading the body
            Thread.sleep(1_000);
        }
        // time for the server to find the connection closed mid-body
        Thread.sleep(1_500);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE name = 'chunk-then-junk'", Long.class))
                .isZero();
        assertThat(log.getAll()).doesNotContain("500 Server Error", "Unhandled error", "AbortedException");
    }

    /**
     * A client that resets its connection midway through a body (a TCP RST, not a close) is no server failure either,
     * with or without a key, on an endpoint that reads the body or one that does not, at once (while the request is
     * being answered: Reactor Netty logged that as an ERROR) or once it has been answered.
     */
    @Test
    void aConnectionResetMidBodyIsNotLoggedAsAServerFailure(CapturedOutput log) throws Exception {
        List<String> heads = List.of(
                "GET /api/v1/status HTTP/1.1\r\nHost: localhost\r\n",
                "POST /api/v1/enrichment/trigger HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
                "PUT /api/v1/admin/api-keys/1 HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\n",
                "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\n");
        for (int attempt = 0; attempt < 3; attempt++) {
            for (String head : heads) {
                for (String cutShortBody : List.of("Content-Length: 100\r\n\r\n{\"name\": \"",
                        "Content-Length: 1\r\n\r\n")) {
                    try (Socket socket = new Socket("localhost", port)) {
                        socket.getOutputStream().write((head + cutShortBody).getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        Thread.sleep(attempt * 150);
                        // closing with a zero linger time resets the connection
                        socket.setSoLinger(true, 0);
                    }
                }
            }
        }
        // time for the server to find the connections reset
        Thread.sleep(1_500);

        assertThat(log.getAll()).doesNotContain("Unhandled error", "onErrorDropped", " ERROR ");
    }

    /**
     * A path variable that does not convert, on an endpoint that also takes a body, is a 400 and nothing more: the body
     * once got a second reader (Spring reads a body argument even after another argument failed, by which time the
     * problem had read the body), and about one such request in five logged Reactor's "onErrorDropped" as an ERROR.
     */
    @Test
    void aPathVariableThatDoesNotConvertBesideABodyIsNotLoggedAsAServerFailure(CapturedOutput log) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            for (String id : List.of("abc", "1.5", "1e3")) {
                String response = send(HttpMethod.PUT, "/api/v1/admin/api-keys/" + id, ADMIN_KEY, "application/json",
                        "{\"name\": \"x\"}", null);
                assertProblem(id, response, 400, 400, "Invalid value '" + id + "' for 'id'");
            }
        }
        // time for a late reader's failure to reach the log
        Thread.sleep(500);

        assertThat(log.getAll()).doesNotContain("onErrorDropped", "Rejecting additional inbound receiver");
    }

    /**
     * RFC 9112, 6.3: a request whose Transfer-Encoding does not end in chunked has a body whose length cannot be told;
     * it is a 400 and the connection closes. Framed by its Content-Length instead, or as having no body, what follows
     * it was read as a request of its own (request smuggling). A coding before chunked (gzip) is refused too: the server
     * decodes none, and read the body as plain.
     */
    @Test
    void aTransferEncodingThatDoesNotEndInChunkedIsRefusedAndNothingAfterItIsRead() throws IOException {
        String post = "POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\n";
        String smuggled = "DELETE /api/v1/admin/symbols/ZZSMUG HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\n\r\n";
        insertSymbol("ZZSMUG", "stock");
        List<String> framings = List.of("Transfer-Encoding: xchunked\r\nContent-Length: 2\r\n",
                "Transfer-Encoding: identity\r\nContent-Length: 2\r\n",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\nContent-Length: 2\r\n",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", "Transfer-Encoding: gzip\r\n",
                "Transfer-Encoding: chunked, identity\r\n", "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n");
        for (String framing : framings) {
            try (KeptAlive connection = new KeptAlive(5_000)) {
                String response = connection.exchange(post + framing + "\r\n{}" + smuggled);
                // Netty's decoder refuses some of them first, in words of its own
                assertProblem(framing, response, 400, 400, framing.contains("gzip, chunked") ? "is not chunked alone"
                        : "Transfer-Encoding");
                assertThat(response.toLowerCase()).as(framing).contains("connection: close");
                assertThat(connection.in.read()).as(framing + ": closed after the refusal").isEqualTo(-1);
            }
        }
        assertThat(jdbc.queryForObject("SELECT active FROM symbols WHERE symbol = 'ZZSMUG'", Boolean.class)).isTrue();
    }

    /**
     * Answers are compressed with gzip only, as RFC 9110 (12.5.3) reads Accept-Encoding: coding names in any case, q=0
     * refusing one, '*' standing for those not named. Netty's own pick answered '*' with snappy, which almost no
     * client decodes.
     */
    @Test
    void answersAreCompressedWithGzipOnlyAndWhenTheClientAcceptsIt() throws IOException {
        insertSymbol("ZZGZIP", "stock");
        insertBar("ZZGZIP", "1d", Instant.parse("2024-03-04T05:00:00Z"), "10", "11", "9", "10.5", "1000", "0.95");
        String csv = "GET /api/v1/historical/ZZGZIP?start=2024-03-04&end=2024-03-04&format=csv HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nAccept-Encoding: ";
        Map<String, String> codings = new LinkedHashMap<>();
        codings.put("*", "gzip");
        codings.put("gzip", "gzip");
        codings.put("GZIP", "gzip");
        codings.put("x-gzip", "gzip");
        codings.put("snappy, gzip;q=0.5", "gzip");
        codings.put("gzip, br, zstd, snappy, deflate", "gzip");
        codings.put("gzip;q=0", null);
        codings.put("gzip;q=0, *", null);
        codings.put("*;q=0", null);
        codings.put("br, zstd, snappy", null);
        codings.put("deflate", null);
        codings.put("identity", null);
        for (Map.Entry<String, String> coding : codings.entrySet()) {
            String response = raw(csv + coding.getKey() + "\r\n\r\n");
            assertThat(response).as(coding.getKey()).startsWith("HTTP/1.1 200 ");
            assertThat(header(response, "content-encoding")).as(coding.getKey()).isEqualTo(coding.getValue());
        }
    }

    /**
     * RFC 9112 forbids the chunked transfer coding in an answer to HTTP/1.0, which has none: a streamed answer ends
     * with the connection instead, uncompressed (Netty compresses a streamed answer in chunks).
     */
    @Test
    void anHttp10ClientGetsAStreamedAnswerThatTheConnectionClosingEnds() throws IOException {
        insertSymbol("ZZHTTP10", "stock");
        Instant day = Instant.parse("2024-03-04T05:00:00Z");
        insertBar("ZZHTTP10", "1d", day, "10", "11", "9", "10.5", "1000", "0.95");
        insertBar("ZZHTTP10", "1d", day.plus(Duration.ofDays(1)), "10.5", "12", "10", "11.5", "1200", "0.95");
        String uri = "/api/v1/historical/ZZHTTP10?start=2024-03-04&end=2024-03-05";
        String expectedCsv = client.get().uri(uri + "&format=csv").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        for (String headers : List.of("", "Connection: keep-alive\r\nAccept-Encoding: gzip\r\n")) {
            String response = raw("GET " + uri + "&format=csv HTTP/1.0\r\n" + headers + "\r\n");
            assertThat(response).as(headers).startsWith("HTTP/1.1 200 ");
            assertThat(header(response, "transfer-encoding")).as(headers).isNull();
            assertThat(header(response, "content-encoding")).as(headers).isNull();
            assertThat(header(response, "connection")).as(headers).isEqualTo("close");
            assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).as(headers).isEqualTo(expectedCsv);
        }
        String json = raw("GET " + uri + " HTTP/1.0\r\n\r\n");
        assertThat(header(json, "content-length")).isNotNull();
        assertThat(header(json, "transfer-encoding")).isNull();
    }

    /** A compressed request body is refused, not read as garbled JSON, and a Content-Encoding is never ignored. */
    @Test
    void aRequestBodyWithAContentEncodingIsRefused() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(symbolBody("ZZCEGZ"));
        }

        List<String> refusals = List.of(postSymbol("gzip", gzipped.toByteArray()), postSymbol("br", symbolBody("ZZCEBR")));
        String identity = postSymbol("identity", symbolBody("ZZCEID"));
        String identityTwice = postSymbol("identity\r\nContent-Encoding: IDENTITY", symbolBody("ZZCEII"));

        for (String refusal : refusals) {
            assertProblem("Content-Encoding", refusal, 415, 415, "send the body uncompressed (no Content-Encoding)");
            assertThat(header(refusal, "accept-encoding")).isEqualTo("identity");
        }
        assertThat(identity).startsWith("HTTP/1.1 201 ");
        assertThat(identityTwice).startsWith("HTTP/1.1 201 ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbols WHERE symbol IN ('ZZCEGZ', 'ZZCEBR')", Long.class))
                .isZero();
    }

    /** The one expectation the server meets is 100-continue; any other is refused, not ignored (RFC 9110, 10.1.1). */
    @Test
    void anExpectationOtherThan100ContinueIsRefused() throws IOException {
        String unmet = postSymbol("identity\r\nExpect: 200-ok", symbolBody("ZZEXPX"));
        String alsoUnmet = postSymbol("identity\r\nExpect: 100-continue\r\nExpect: x-y", symbolBody("ZZEXPY"));
        String met = postSymbol("identity\r\nExpect: 100-Continue", symbolBody("ZZEXPC"));

        assertProblem("Expect: 200-ok", unmet, 417, 417, "send the request without 'Expect: 200-ok'");
        // reading the body to answer on a kept-alive connection has the HTTP server send its 100 Continue first
        assertThat(alsoUnmet).startsWith("HTTP/1.1 100 Continue\r\n");
        assertProblem("two expectations", alsoUnmet.substring(alsoUnmet.indexOf("\r\n\r\n") + 4), 417, 417,
                "'Expect: 100-continue, x-y'");
        assertThat(met).startsWith("HTTP/1.1 100 Continue\r\n").contains("\r\n\r\nHTTP/1.1 201 ");
        assertThat(jdbc.queryForList("SELECT symbol FROM symbols WHERE symbol LIKE 'ZZEXP%'", String.class))
                .containsExactly("ZZEXPC");
    }

    /**
     * A 100 Continue on a connection with requests pipelined behind its request leaves each answer framed for its own
     * request. Netty's HTTP codec paired the 100 with that request, so the request's own answer was framed as the one
     * to the request behind it: the answer before a HEAD lost its body, and the HEAD's answer got a chunked body's end.
     */
    @Test
    void a100ContinueInAPipelineLeavesEachAnswerFramedForItsOwnRequest() throws IOException {
        byte[] body = symbolBody("ZZEXPP");
        try (KeptAlive connection = new KeptAlive(5_000)) {
            connection.send("POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length
                    + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1)
                    + "HEAD /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /api/v1/status?x=1 HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n\r\n"
                    + "HEAD /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(readHead(connection.in)).startsWith("HTTP/1.1 100 Continue\r\n");
            String created = connection.read();
            assertThat(created).startsWith("HTTP/1.1 201 ");
            assertThat(body(created).get("symbol").stringValue()).isEqualTo("ZZEXPP");
            assertThat(readHead(connection.in)).startsWith("HTTP/1.1 200 ");
            String refused = readHead(connection.in);
            if (refused.startsWith("HTTP/1.1 100 ")) {
                refused = readHead(connection.in);
            }
            refused += new String(connection.in.readNBytes(Integer.parseInt(header(refused, "content-length"))),
                    StandardCharsets.ISO_8859_1);
            assertProblem("unknown parameter", refused, 400, 400, "'x'");
            assertThat(readHead(connection.in)).startsWith("HTTP/1.1 200 ");
            String health = connection.read();
            assertThat(health).startsWith("HTTP/1.1 200 ");
            assertThat(body(health).has("status")).isTrue();
        }
    }

    /** A response's head, up to and with the blank line that ends it. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private String postSymbol(String contentEncoding, byte[] body) throws IOException {
        return raw("POST /api/v1/admin/symbols HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Encoding: " + contentEncoding
                + "\r\nContent-Length: " + body.length + "\r\n\r\n", body);
    }

    private static byte[] symbolBody(String symbol) {
        return ("{\"symbol\": \"" + symbol + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Requests pipelined in one write, the last asking to close the connection, are all answered in order, and the
     * connection closed after the last (RFC 9112, 9.6); a request after that one is not read. Reactor Netty closed the
     * connection after the first answer, losing the others.
     */
    @Test
    void pipelinedRequestsAreAllAnsweredBeforeTheLastClosesTheConnection() throws IOException {
        String keptAlive = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String closing = "GET /api/v1/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        String notRead = "GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for (String http10 : List.of("", "GET /api/v1/symbols HTTP/1.0\r\n\r\n")) {
            try (KeptAlive connection = new KeptAlive(5_000)) {
                connection.send(keptAlive + (http10.isEmpty() ? closing : http10) + notRead);
                for (int answer = 1; answer <= 3; answer++) {
                    String response = connection.read();
                    assertThat(response).as("answer " + answer).containsPattern("^HTTP/1\\.[01] 200 ");
                    assertThat(header(response, "connection")).as("answer " + answer)
                            .isEqualTo(answer == 3 ? "close" : null);
                }
                assertThat(connection.in.read()).as("closed after the third answer").isEqualTo(-1);
            }
        }
    }

    @Test
    void aHeadRequestWithAnUnparseableUriGetsTheProblemHeadersWithoutABody() throws IOException {
        String response = raw("HEAD /api/v1/historical/AAPL%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        assertThat(response).endsWith("\r\n\r\n").doesNotContainIgnoringCase("transfer-encoding");
    }

    /** Requests answered with an error by each part of the server that writes one, with and without a key. */
    static Stream<Arguments> errorAnswers() {
        String host = " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
        String key = "X-API-Key: " + ADMIN_KEY + "\r\n";
        String range = "start=2024-01-01&end=2024-01-31";
        return Stream.of(
                Arguments.of("a bad parameter of a public read", "GET /api/v1/historical/AAPL?timeframe=2h&" + range
                        + host + "\r\n", 400),
                Arguments.of("a bad parameter with a key", "GET /api/v1/historical/AAPL?timeframe=2h&" + range + host
                        + key + "\r\n", 400),
                Arguments.of("an unknown symbol", "GET /api/v1/historical/NOPE?" + range + host + "\r\n", 404),
                Arguments.of("an unknown path", "GET /no-such-path" + host + "\r\n", 404),
                Arguments.of("a method the endpoint does not take", "POST /api/v1/symbols" + host
                        + "Content-Length: 0\r\n\r\n", 405),
                Arguments.of("a method the firewall refuses", "TRACE /api/v1/symbols" + host + key + "\r\n", 405),
                Arguments.of("a path the firewall refuses", "GET /api/v1//symbols" + host + key + "\r\n", 400),
                Arguments.of("an Accept the endpoint cannot serve", "GET /api/v1/symbols" + host
                        + "Accept: text/html\r\n\r\n", 406),
                Arguments.of("an Accept that asks for problem+json alone", "GET /api/v1/historical/AAPL?" + range + host
                        + "Accept: application/problem+json\r\n\r\n", 406),
                Arguments.of("an Accept /health cannot read", "GET /health" + host + "Accept: "
                        + "text/csv,".repeat(50) + "text/csv\r\n\r\n", 400),
                Arguments.of("no key where one is needed", "GET /api/v1/admin/symbols" + host + "\r\n", 401),
                Arguments.of("a health group the Actuator does not have", "GET /actuator/health/db" + host + key
                        + "\r\n", 404),
                Arguments.of("a URI Spring's server adapter cannot parse", "GET /api/v1/historical/AAPL%zz" + host
                        + "\r\n", 400),
                Arguments.of("a request target that is not a path", "GET api/v1/status" + host + "\r\n", 400),
                Arguments.of("a request the codec cannot read", "GARBAGE\r\n\r\n", 400),
                Arguments.of("a request line over the limit", "GET /" + "x".repeat(65 * 1024) + host + "\r\n", 414),
                Arguments.of("an HTTP version other than 1.1 and 1.0", "GET /api/v1/symbols HTTP/9.9\r\nHost: localhost"
                        + "\r\n\r\n", 505));
    }

    /**
     * Every error answer carries the caching and security headers Spring Security writes on an answer that passes its
     * filter chain, whatever part of the server wrote it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("errorAnswers")
    void everyErrorAnswerCarriesTheHeadersOfAnAnswerThatPassedSpringSecurity(String what, String request, int status)
            throws IOException {
        String passedSpringSecurity = send(HttpMethod.GET, "/api/v1/symbols", ADMIN_KEY, null, null, null);
        assertThat(passedSpringSecurity).startsWith("HTTP/1.1 200 ");
        String refused = raw(request);

        assertProblem(what, refused, status, status, "");
        for (String name : List.of("cache-control", "pragma", "expires", "x-content-type-options", "x-frame-options",
                "x-xss-protection", "referrer-policy")) {
            assertThat(header(passedSpringSecurity, name)).as(name).isNotBlank();
            assertThat(header(refused, name)).as(what + ": " + name).isEqualTo(header(passedSpringSecurity, name));
        }
    }

    /**
     * Client mistakes a reviewer found answered with a 5xx, with Java internals in the detail, with a bare status, or
     * not refused at all: each is a 4xx whose detail names what to fix, in the words the client used.
     */
    @Test
    void clientMistakesAreRefusedWithADetailThatSaysWhatToFix(CapturedOutput log) throws IOException {
        String json = "application/json";
        String trigger = "/api/v1/enrichment/trigger";
        String range = "start=2024-01-01&end=2024-01-31";
        List<Mistake> mistakes = List.of(
                new Mistake(HttpMethod.GET, "/health", null, null, "text/csv,".repeat(50) + "text/csv", 400,
                        "Accept header has more than 50 media types"),
                new Mistake(HttpMethod.GET, "/api/v1/symbols", null, null, "text/csv,".repeat(3_000) + "text/csv", 400,
                        "Accept header has more than 50 media types"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/api-keys", json, "", null, 400,
                        "A JSON object is required as the request body"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/api-keys", json, "null", null, 400,
                        "A JSON object is required as the request body"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/api-keys", json, "[{\"name\": \"x\"}]", null, 400,
                        "A JSON object is required as the request body"),
                new Mistake(HttpMethod.POST, trigger, json, "[\"AAPL\"]", null, 400,
                        "A JSON object is required as the request body"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [[\"A\"]]}", null, 400,
                        "'symbols' must be a list of strings"),
                // a value is read as sent: a control character next to a symbol is refused, not trimmed off
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZCTRL\\u0000\"]}", null, 400,
                        "'symbols[0]' holds the control character U+0000; send the value without it"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"ZZCTRL\\t\"}", null, 400,
                        "'symbol' holds the control character U+0009; send the value without it"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/symbols", json, "{\"symbol\": \"ZZCTRL\\n\"}", null, 400,
                        "'symbol' holds the control character U+000A; send the value without it"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRI\"]}{\"symbols\": [\"ZZERRJ\"]}", null,
                        400, "The request body goes on after its JSON object; send one object"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRK\"]} 5", null, 400,
                        "The request body goes on after its JSON object; send one object"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [[]]}", null, 400,
                        "'symbols' must be a list of strings"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [1, 2]}", null, 400,
                        "'symbols' must be a list of strings"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": \"AAPL\"}", null, 400,
                        "'symbols' must be a list of strings"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"ZZERRA\", \"timeframes\": [{}]}", null, 400,
                        "'timeframes' must be a list of strings"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": 5}", null, 400, "'symbol' must be a string"),
                new Mistake(HttpMethod.PUT, "/api/v1/admin/api-keys/1", json, "{\"active\": 2}", null, 400,
                        "'active' must be true or false"),
                new Mistake(HttpMethod.PUT, "/api/v1/admin/api-keys/1", json, "{\"active\": \"true\"}", null, 400,
                        "'active' must be true or false"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/symbols", json,
                        "{\"symbol\": \"ZZERRB\", \"assetClass\": \"crypto\"}", null, 400,
                        "Unknown field 'assetClass'; known fields are asset_class, history_start, provider_ticker, symbol,"
                                + " timeframes"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"ZZERRC\", \"start\": ", null, 400,
                        "The request body is not valid JSON"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"ZZERRC\", \"start\": \"2024-01-01\"", null,
                        400, "Unexpected end-of-input: expected close marker for Object"),
                // Jackson's message on a comment went on to name its parser setting, ALLOW_COMMENTS
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRL\"]} // a note", null, 400,
                        "Unexpected character ('/' (code 47)): maybe a (non-standard) comment?"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRF\"], \"symbols\": [\"ZZERRG\"]}", null,
                        400, "Duplicate Object property \"symbols\""),
                new Mistake(HttpMethod.POST, trigger, "application/x-www-form-urlencoded", "symbol=ZZERRD", null, 415,
                        "Content-Type 'application/x-www-form-urlencoded' is not supported here; send a JSON object with"
                                + " Content-Type: application/json"),
                new Mistake(HttpMethod.POST, trigger, ";;;", "{\"symbol\": \"ZZERRE\"}", null, 400,
                        "The Content-Type header ';;;' is malformed"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}", null,
                        413, "larger than this server's limit of 256 KB"),
                new Mistake(HttpMethod.PUT, "/api/v1/admin/api-keys/+1", json, "{\"active\": true}", null, 400,
                        "Invalid value '+1' for 'id': expected a key's id, a whole number in digits 0-9 without sign"),
                new Mistake(HttpMethod.DELETE, "/api/v1/admin/api-keys/%201", null, null, null, 400,
                        "Invalid value ' 1' for 'id'"),
                new Mistake(HttpMethod.GET, "/api/v1/admin/api-keys/01/audit", null, null, null, 400,
                        "Invalid value '01' for 'id'"),
                new Mistake(HttpMethod.PUT, "/api/v1/admin/api-keys/1", json, "{\"name\": \"" + "x".repeat(300 * 1024)
                        + "\"}", null, 413, "larger than this server's limit of 256 KB"),
                new Mistake(HttpMethod.PUT, "/api/v1/admin/api-keys/1", json, "{\"name\": \"" + "x".repeat(600 * 1024)
                        + "\"}", null, 413, "larger than this server's limit of 256 KB"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL?timeframe=&" + range, null, null, null, 400,
                        "Invalid timeframe '': valid timeframes are"),
                new Mistake(HttpMethod.GET, "/api/v1/bars?symbols=AAPL&timeframe=&" + range, null, null, null, 400,
                        "Invalid timeframe '': valid timeframes are"),
                new Mistake(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=%D9%A3", null, null, null, 400,
                        "Invalid value '\u0663' for 'limit': expected a whole number in digits 0-9"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL?limit=%D9%A3&" + range, null, null, null, 400,
                        "Invalid value '\u0663' for 'limit': expected a whole number in digits 0-9"),
                // the offset's '+' sent unencoded arrives as a blank: saying "use a UTC time" did not tell why
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL?start=2024-01-01T00:00:00+01:00&end=2024-01-31", null,
                        null, null, 400, "Invalid date '2024-01-01T00:00:00 01:00' for 'start': a '+' in a query string"
                                + " is read as a blank; send the offset's '+' as %2B"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL?min_quality=&" + range, null, null, null, 400,
                        "Parameter 'min_quality' is given without a value; give one or leave the parameter out"),
                new Mistake(HttpMethod.GET, "/api/v1/bars?symbols=AAPL&validated_only=&" + range, null, null, null, 400,
                        "Parameter 'validated_only' is given without a value"),
                new Mistake(HttpMethod.GET, "/api/v1/symbols", null, null, "text/csv;q=abc", 400,
                        "The Accept header is not valid"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"\"]}", null, 400,
                        "'symbols' holds an empty entry at position 1; each must be a ticker such as AAPL"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [null]}", null, 400,
                        "'symbols' holds an empty entry at position 1; each must be a ticker such as AAPL"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRH\", \" \"]}", null, 400,
                        "'symbols' holds an empty entry at position 2; each must be a ticker such as AAPL"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": []}", null, 400,
                        "'symbol' (or in a JSON body 'symbols') is required, e.g. ?symbol=AAPL or {\"symbols\": [\"AAPL\","),
                // an empty entry was skipped: the answer held fewer symbols than the client listed, and said nothing
                new Mistake(HttpMethod.GET, "/api/v1/bars?symbols=AAPL,,MSFT&" + range, null, null, null, 400,
                        "Parameter 'symbols' holds an empty entry at position 2; list tickers separated by single"
                                + " commas, such as AAPL,MSFT"),
                new Mistake(HttpMethod.GET, "/api/v1/bars?symbols=AAPL&symbols=&" + range, null, null, null, 400,
                        "Parameter 'symbols' holds an empty entry at position 2"),
                new Mistake(HttpMethod.POST, trigger + "?symbol=ZZERRM,", null, null, null, 400,
                        "Parameter 'symbols' holds an empty entry at position 2"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"ZZERRN\", \"timeframes\": [\"1d\", null]}", null,
                        400, "'timeframes' holds an empty entry at position 2; list timeframes such as 1d, 1h"),
                new Mistake(HttpMethod.POST, trigger + "?symbol=ZZERRO&timeframes=1d,,5m", null, null, null, 400,
                        "'timeframes' holds an empty entry at position 2"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/symbols", json,
                        "{\"symbol\": \"ZZERRP\", \"timeframes\": [\"1d\", \"\"]}", null, 400,
                        "'timeframes' holds an empty entry at position 2"),
                // a JSON list's entry is one symbol: it was split at its commas into two
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRQ,ZZERRR\"]}", null, 400,
                        "Invalid symbol 'ZZERRQ,ZZERRR': expected a ticker such as AAPL"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"ZZERRS,\"]}", null, 400,
                        "Invalid symbol 'ZZERRS,': expected a ticker such as AAPL"),
                // and a JSON list's timeframe is one timeframe, whole; the query's may list several
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbol\": \"ZZERRT\", \"timeframes\": [\"1d,5m\"]}",
                        null, 400, "Invalid timeframes: ['1d,5m']; valid timeframes are"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/symbols", json,
                        "{\"symbol\": \"ZZERRU\", \"timeframes\": [\"1h,\"]}", null, 400, "Invalid timeframes: ['1h,']"),
                new Mistake(HttpMethod.POST, trigger + "?symbol=", null, null, null, 400,
                        "'symbol' is empty; it must be a ticker such as AAPL"),
                new Mistake(HttpMethod.GET, "/api/v1/enrichment/jobs/no!such", null, null, null, 400,
                        "Invalid job id 'no!such': a job id is the job_id a trigger answered"),
                new Mistake(HttpMethod.TRACE, "/api/v1/symbols", null, null, null, 405,
                        "Method 'TRACE' is not supported; this API answers GET, HEAD, POST, PUT, DELETE, OPTIONS"),
                // input is quoted back cut short, not whole
                new Mistake(HttpMethod.valueOf("M".repeat(5000)), "/api/v1/symbols", null, null, null, 405,
                        "Method '" + "M".repeat(40) + "…' is not supported"),
                new Mistake(HttpMethod.GET, "/api/v1/" + "p".repeat(20_000), null, null, null, 404,
                        "No endpoint at /api/v1/" + "p".repeat(192) + "…; the API is described at /v3/api-docs"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/BRK%2FB?" + range, null, null, null, 400,
                        "The request target holds '%2F', which this API refuses"),
                new Mistake(HttpMethod.GET, "/api/v1//symbols", null, null, null, 400,
                        "send the path as the API lists it, such as /api/v1/historical/AAPL"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL;jsessionid=1?" + range, null, null, null, 400,
                        "The request target holds ';', which this API refuses"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL%1F?" + range, null, null, null, 400,
                        "The path holds the control character U+001F; send it without"),
                new Mistake(HttpMethod.GET, "/api/v1/historical/AAPL?timeframe=1d%01&" + range, null, null, null, 400,
                        "The query parameter 'timeframe' holds the control character U+0001; send its name and value"),
                new Mistake(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=1%00", null, null, null, 400,
                        "The query parameter 'limit' holds the control character U+0000"),
                new Mistake(HttpMethod.POST, trigger + "?symbol=AAPL%0A", null, null, null, 400,
                        "The query parameter 'symbol' holds the control character U+000A"),
                new Mistake(HttpMethod.POST, trigger + "?symbol=X:", null, null, null, 400,
                        "Invalid symbol 'X:': expected a ticker such as AAPL"),
                // Java's upper case made X:ETHUSD of it, and FF, SS and HISTK of the others
                new Mistake(HttpMethod.GET, "/api/v1/historical/x:ethu%C5%BFd", null, null, null, 400,
                        "Invalid symbol 'x:ethu\u017Fd': expected a ticker such as AAPL"),
                new Mistake(HttpMethod.POST, "/api/v1/admin/symbols", json, "{\"symbol\": \"\uFB00\"}", null, 400,
                        "expected a ticker such as AAPL"),
                new Mistake(HttpMethod.POST, trigger, json, "{\"symbols\": [\"h\u0131stk\"]}", null, 400,
                        "expected a ticker such as AAPL"));
        for (Mistake mistake : mistakes) {
            String what = mistake.method() + " " + abbreviate(mistake.uri()) + " " + abbreviate(mistake.body());
            String response = send(mistake.method(), mistake.uri(), ADMIN_KEY, mistake.contentType(), mistake.body(),
                    mistake.accept());
            assertProblem(what, response, mistake.status(), mistake.status(), mistake.detailPart());
            assertThat(detail(response)).as(what).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]")
                    .doesNotContain("Mono<", "$", "JsonToken", "`", "REDACTED", "Feature");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbols WHERE symbol LIKE 'ZZCTRL%'", Long.class))
                .as("a refused symbol is neither tracked nor loaded").isZero();
        JsonNode longPath = body(send(HttpMethod.GET, "/api/v1/" + "p".repeat(20_000), ADMIN_KEY, null, null, null));
        assertThat(longPath.get("instance").stringValue()).as("the path quoted cut short")
                .hasSize(ProblemResponses.QUOTED_LENGTH + 1).endsWith("p…");
        assertThat(log.getAll()).as("client errors are not logged as server failures").doesNotContain("Too many elements")
                .doesNotContain("Unhandled error")
                // a body over the limit once had its buffers released twice, which broke other connections' reads
                .doesNotContain("IllegalReferenceCountException");
    }

    /** A value is read as sent: a control character next to a symbol is refused, not trimmed off to act on the symbol. */
    @Test
    void aControlCharacterNextToASymbolIsRefusedNotTrimmedAway() throws IOException {
        insertSymbol("ZZTAB", "stock");

        String response = send(HttpMethod.DELETE, "/api/v1/admin/symbols/ZZTAB%09", ADMIN_KEY, null, null, null);

        assertProblem("DELETE with %09", response, 400, 400, "The path holds the control character U+0009");
        assertThat(jdbc.queryForObject("SELECT active FROM symbols WHERE symbol = 'ZZTAB'", Boolean.class)).isTrue();
    }

    /** RFC 9112: an HTTP/1.1 request without a Host header, or with two, is a 400; HTTP/1.0 needs none. */
    @Test
    void anHttp11RequestNamesItsHostInExactlyOneHostHeader() throws IOException {
        insertSymbol("ZZHOST", "stock");
        String delete = "DELETE /api/v1/admin/symbols/ZZHOST HTTP/1.1\r\nX-API-Key: " + ADMIN_KEY + "\r\n";

        assertProblem("no Host", firstResponse(delete + "\r\n"), 400, 400,
                "An HTTP/1.1 request needs a Host header; send one, such as 'Host: localhost:8080'");
        assertProblem("two Hosts", firstResponse(delete + "Host: localhost\r\nHost: evil.example\r\n\r\n"), 400, 400,
                "Send one Host header; this request has 2");
        assertThat(jdbc.queryForObject("SELECT active FROM symbols WHERE symbol = 'ZZHOST'", Boolean.class)).isTrue();
        assertThat(firstResponse("GET /api/v1/symbols HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 200 ");
        assertThat(firstResponse("GET /api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    /**
     * A request target is a path, a URL or '*' (RFC 9112, 3.2): anything else was served as the path after its first
     * slash. Versions other than HTTP/1.1 and 1.0 are a 505; two Content-Types a 400.
     */
    @Test
    void theRequestLineAndContentTypeAreReadAsSent() throws IOException {
        insertSymbol("ZZLINE", "stock");
        for (String target : List.of("evil.example/api/v1/admin/symbols/ZZLINE", "a%00b/api/v1/admin/symbols/ZZLINE",
                "api/v1/admin/symbols/ZZLINE", "ftp://localhost/api/v1/admin/symbols/ZZLINE",
                "http:///api/v1/admin/symbols/ZZLINE", "http://loc%01alhost/api/v1/admin/symbols/ZZLINE")) {
            for (String key : new String[] {"X-API-Key: " + ADMIN_KEY + "\r\n", ""}) {
                // refused as malformed before any key is checked, answered as HTTP/1.1
                String response = firstResponse("DELETE " + target + " HTTP/1.1\r\nHost: localhost\r\n" + key + "\r\n");
                assertProblem(target, response, 400, 400, "' is not a path; send it as the API lists it, starting with '/'");
            }
        }
        for (String key : new String[] {"X-API-Key: " + ADMIN_KEY + "\r\n", ""}) {
            String response = firstResponse("DELETE /api/v1/admin/symbols/ZZLINE HTTP/9.9\r\nHost: localhost\r\n" + key
                    + "\r\n");
            assertThat(response).startsWith("HTTP/1.1 505 ");
            assertProblem("HTTP/9.9", response, 505, 505, "send the request as HTTP/1.1, not HTTP/9.9");
        }
        assertProblem("two Content-Types", firstResponse("PUT /api/v1/admin/symbols/ZZLINE HTTP/1.1\r\nHost: localhost\r\n"
                + "X-API-Key: " + ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 16\r\n\r\n{\"active\":false}"), 400, 400, "Send one Content-Type header; this request has 2");
        assertThat(jdbc.queryForObject("SELECT active FROM symbols WHERE symbol = 'ZZLINE'", Boolean.class)).isTrue();
        assertThat(firstResponse("GET http://localhost/api/v1/symbols HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ");
    }

    private record Mistake(HttpMethod method, String uri, String contentType, String body, String accept, int status,
                           String detailPart) {
    }

    private record Refused(int status, String detailPart) {
    }

    /** A raw connection to the API that requests are sent on one after the other, read as they are answered. */
    private final class KeptAlive implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        KeptAlive(int readTimeoutMillis) throws IOException {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(readTimeoutMillis);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String requests) throws IOException {
            out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String read() throws IOException {
            return readResponse(in);
        }

        String exchange(String request) throws IOException {
            send(request);
            return read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void assertAnswer(String request, String response) {
        if (request.contains("%zz")) {
            assertProblem(request, response, 400, 400, "invalid percent-encoding");
            assertThat(response.toLowerCase()).as("kept alive").doesNotContain("connection: close");
        } else {
            assertThat(response).as(request).startsWith("HTTP/1.1 200 ");
        }
    }

    /** A 4xx problem+json answer whose status matches its document and whose detail is there and says this. */
    private static void assertProblem(String what, String response, int lowestStatus, int highestStatus, String detailPart) {
        int status = Integer.parseInt(response.substring(9, 12));
        assertThat(status).as(what).isBetween(lowestStatus, highestStatus);
        assertThat(contentType(response)).as(what + ": " + abbreviate(response)).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("status").intValue()).as(what).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).as(what).isNotBlank();
        assertThat(problem.get("detail").stringValue()).as(what).isNotBlank().contains(detailPart);
    }

    /** The answer to a request on a new connection, read without waiting for the server to close it. */
    private String firstResponse(String request) throws IOException {
        try (KeptAlive connection = new KeptAlive(30_000)) {
            return connection.exchange(request);
        }
    }

    /** One response off a kept-alive connection: its head, then as many body bytes as its Content-Length says. */
    private static String readResponse(InputStream in) throws IOException {
        String headText = readHead(in);
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headText);
        assertThat(length.find()).as(headText).isTrue();
        return headText + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1);
    }

    /** Sent over a raw socket, so that what no client library would send reaches the server too. */
    private void assertNoServerError(HttpMethod method, String uri, String key, String contentType, String body,
                                     String accept) {
        String what = method + " " + abbreviate(uri) + " (" + abbreviate(body) + ")";
        try {
            String response = send(method, uri, key, contentType, body, accept);
            int status = Integer.parseInt(response.substring(9, 12));
            assertThat(status).as(what).isLessThan(500);
            if (status >= 400 && method != HttpMethod.HEAD) {
                assertThat(contentType(response)).as(what + ": " + abbreviate(response)).isEqualTo("application/problem+json");
            }
        } catch (IOException e) {
            throw new AssertionError(what, e);
        }
    }

    private String send(HttpMethod method, String uri, String key, String contentType, String body, String accept)
            throws IOException {
        StringBuilder request = new StringBuilder(method.name()).append(' ').append(uri).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        if (key != null) {
            request.append("X-API-Key: ").append(key).append("\r\n");
        }
        if (accept != null) {
            request.append("Accept: ").append(accept).append("\r\n");
        }
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("\r\n");
        return raw(request.toString(), bytes);
    }

    private static String detail(String response) {
        return body(response).get("detail").stringValue();
    }

    /** The JSON after the head: read as bytes again, since the response text was decoded byte by byte. */
    private static JsonNode body(String response) {
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String contentType(String response) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).toLowerCase();
        int at = head.indexOf("\r\ncontent-type:");
        if (at < 0) {
            return null;
        }
        int end = head.indexOf("\r\n", at + 2);
        return head.substring(at + 15, end < 0 ? head.length() : end).trim();
    }

    /** The value of a response header, or null when the response has none. */
    private static String header(String response, String name) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).toLowerCase();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$").matcher(head);
        return value.find() ? value.group(1) : null;
    }

    private String raw(String request) throws IOException {
        return raw(request, new byte[0]);
    }

    private String raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (SocketException refusedMidBody) {
                // the server answered a body over its limit before reading it all, and closed: read that answer
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    response.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // the server answered before reading a body it refuses, then closed: its answer is what counts
                if (response.size() == 0) {
                    throw reset;
                }
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 60 ? body.substring(0, 60) + "…" : body;
    }
}
