package io.mdw.batch.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mdw.batch.warehouse.RejectPayload;
import io.mdw.market.RawBar;

/**
 * A local stand-in for the provider's aggregates API over real HTTP: serves given bars in the provider's JSON format,
 * pages them with next_url, checks the bearer key, and plays scripted faults (429, 5xx, truncated bodies, slow
 * answers) on the next requests, fails every request from some point on or every request for one series, or is down
 * (connections refused) until healed.
 */
public final class PolygonStub implements AutoCloseable {

    public static final String KEY = "test-key";

    /** A scripted answer: a status (with Retry-After), a body cut in half, or a delay before answering. */
    public record Fault(int status, String retryAfter, boolean truncated, long delayMillis) {
        public static Fault status(int status) {
            return new Fault(status, null, false, 0);
        }

        public static Fault rateLimited(String retryAfter) {
            return new Fault(429, retryAfter, false, 0);
        }

        public static Fault truncatedBody() {
            return new Fault(200, null, true, 0);
        }

        public static Fault slow(long delayMillis) {
            return new Fault(200, null, false, delayMillis);
        }
    }

    private final int port;
    private HttpServer server;
    private final Map<String, List<RawBar>> seriesByTicker = new ConcurrentHashMap<>();
    private final Deque<Fault> scripted = new ArrayDeque<>();
    private final Map<String, SeriesFault> failingSeries = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** When each of {@link #requests} arrived, as System.nanoTime(). */
    private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    private volatile int pageSize;
    private volatile int failingFromRequest = Integer.MAX_VALUE;
    private volatile String requiredKey = KEY;
    private volatile String nextUrlOrigin;

    public PolygonStub(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        listening.createContext("/v2/aggs/ticker/", this::handle);
        listening.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        listening.start();
        return listening;
    }

    /** A started stub, for a static field of a test class. */
    public static PolygonStub start(int pageSize) {
        try {
            return new PolygonStub(pageSize);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void pageSize(int bars) {
        pageSize = bars;
    }

    /** The scheme, host and port its next_url names from now on, instead of its own (until {@link #heal()}). */
    public void nextUrlOrigin(String origin) {
        nextUrlOrigin = origin;
    }

    /** The key the stub accepts from now on (to see what a refused key does). */
    public void requireKey(String key) {
        requiredKey = key;
    }

    public void serve(String ticker, List<RawBar> bars) {
        seriesByTicker.put(ticker, List.copyOf(bars));
    }

    public synchronized void script(Fault... faults) {
        scripted.addAll(List.of(faults));
    }

    /** Every request from the n-th (1-based, counting from now) answers 503 until {@link #heal()}. */
    public void failFromRequest(int n) {
        failingFromRequest = requests.size() + n;
    }

    /** Every request for this ticker answers the fault (a status, with its Retry-After) until {@link #heal()}. */
    public void failSeries(String ticker, Fault fault) {
        failSeries(ticker, 1, fault);
    }

    /** Every request for this ticker's page n (1-based) or a later one answers the fault until {@link #heal()}. */
    public void failSeries(String ticker, int fromPage, Fault fault) {
        failingSeries.put(ticker, new SeriesFault(fromPage, fault));
    }

    private record SeriesFault(int fromPage, Fault fault) {
    }

    /** Stops listening, as a provider that is down: connections to its port are refused until {@link #heal()}. */
    public synchronized void goDown() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
        server = null;
    }

    public synchronized void heal() {
        failingFromRequest = Integer.MAX_VALUE;
        nextUrlOrigin = null;
        scripted.clear();
        failingSeries.clear();
        if (server == null) {
            try {
                server = listen(port);
            } catch (IOException e) {
                throw new IllegalStateException("could not listen on port " + port + " again", e);
            }
        }
    }

    /** Path and query of every request received so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The time between each request received so far and the one before it. */
    public List<Duration> requestSpacings() {
        List<Long> times = List.copyOf(arrivals);
        List<Duration> spacings = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            spacings.add(Duration.ofNanos(times.get(i) - times.get(i - 1)));
        }
        return spacings;
    }

    public synchronized void clearRequests() {
        requests.clear();
        arrivals.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            synchronized (this) {
                arrivals.add(System.nanoTime());
                requests.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            if (!("Bearer " + requiredKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key\"}", false);
                return;
            }
            if (requests.size() >= failingFromRequest) {
                respond(exchange, 503, "{\"status\":\"ERROR\"}", false);
                return;
            }
            SeriesFault seriesFault = failingSeries.get(ticker(uri));
            int page = Integer.parseInt(query(uri).getOrDefault("cursor", "0")) / pageSize + 1;
            Fault fault = seriesFault != null && page >= seriesFault.fromPage() ? seriesFault.fault() : null;
            if (fault == null) {
                synchronized (this) {
                    fault = scripted.poll();
                }
            }
            if (fault != null && fault.delayMillis() > 0) {
                sleep(fault.delayMillis());
            }
            if (fault != null && fault.status() != 200) {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                respond(exchange, fault.status(), "{\"status\":\"ERROR\"}", false);
                return;
            }
            respond(exchange, 200, page(uri), fault != null && fault.truncated());
        }
    }

    /** /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}?...&cursor=offset */
    private String page(URI uri) {
        String[] parts = uri.getRawPath().split("/");
        String ticker = ticker(uri);
        long from = Long.parseLong(parts[8]);
        long to = Long.parseLong(parts[9]);
        Map<String, String> query = query(uri);
        int offset = Integer.parseInt(query.getOrDefault("cursor", "0"));
        List<RawBar> inWindow = seriesByTicker.getOrDefault(ticker, List.of()).stream()
                .filter(bar -> !isEpoch(bar.t()) || (Long.parseLong(bar.t()) >= from && Long.parseLong(bar.t()) <= to))
                .toList();
        List<RawBar> page = inWindow.subList(Math.min(offset, inWindow.size()),
                Math.min(offset + pageSize, inWindow.size()));
        // each item as a provider would send it: numbers as their tokens, anything else as a string
        String results = page.stream().map(RejectPayload::of).collect(Collectors.joining(","));
        String next = offset + pageSize < inWindow.size()
                ? ",\"next_url\":\"" + (nextUrlOrigin != null ? nextUrlOrigin : baseUrl()) + uri.getRawPath() + "?cursor=" + (offset + pageSize) + "\""
                : "";
        return "{\"ticker\":\"" + ticker + "\",\"queryCount\":" + page.size() + ",\"resultsCount\":" + page.size()
                + ",\"adjusted\":true,\"results\":[" + results + "],\"status\":\"OK\",\"request_id\":\"stub\"" + next
                + "}";
    }

    private static String ticker(URI uri) {
        return java.net.URLDecoder.decode(uri.getRawPath().split("/")[4], StandardCharsets.UTF_8);
    }

    private static boolean isEpoch(String t) {
        return t != null && t.chars().allMatch(Character::isDigit) && !t.isEmpty();
    }

    private static Map<String, String> query(URI uri) {
        if (uri.getRawQuery() == null) {
            return Map.of();
        }
        return java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair.length > 1 ? pair[1] : "", (a, b) -> b));
    }

    /** A truncated answer is the first half of the body, as a connection cut by a proxy would leave it. */
    private static void respond(HttpExchange exchange, int status, String body, boolean truncated) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int length = truncated ? bytes.length / 2 : bytes.length;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, 0, length);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
