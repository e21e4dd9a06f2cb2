package io.mdw.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Hundreds of malformed paths, parameters, headers and bodies: the API must never answer 5xx, and every error
 * must be problem+json.
 */
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
            String response = raw(request);
            int status = Integer.parseInt(response.substring(9, 12));
            assertThat(status).as(target).isBetween(400, 499);
            // a URI that does not parse is refused by the server adapter before any handler, with an empty body
            if (contentType(response) != null) {
                assertThat(contentType(response)).as(target).isEqualTo("application/problem+json");
            }
        }
    }

    /** Sent over a raw socket, so that what no client library would send reaches the server too. */
    private void assertNoServerError(HttpMethod method, String uri, String key, String contentType, String body,
                                     String accept) {
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
        String what = method + " " + abbreviate(uri) + " (" + abbreviate(body) + ")";
        try {
            String response = raw(request.toString(), bytes);
            int status = Integer.parseInt(response.substring(9, 12));
            assertThat(status).as(what).isLessThan(500);
            if (status >= 400 && method != HttpMethod.HEAD) {
                assertThat(contentType(response)).as(what + ": " + abbreviate(response)).isEqualTo("application/problem+json");
            }
        } catch (IOException e) {
            throw new AssertionError(what, e);
        }
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

    private String raw(String request) throws IOException {
        return raw(request, new byte[0]);
    }

    private String raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
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
