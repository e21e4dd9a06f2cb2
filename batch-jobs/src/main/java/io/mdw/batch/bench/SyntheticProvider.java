package io.mdw.batch.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A local stand-in for the provider's aggregates endpoint that makes bars up: each ticker is a random walk of a
 * given number of bars from {@code start}, one every {@code stepMillis}. Pages follow the request's limit and link
 * to the next through next_url; every page is generated and streamed out as it is written.
 */
final class SyntheticProvider implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String PATH = "/v2/aggs/ticker/";

    private final long start;
    private final long stepMillis;
    private final Map<String, Long> barsByTicker;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "synthetic-provider");
        thread.setDaemon(true);
        return thread;
    });

    SyntheticProvider(long start, long stepMillis, Map<String, Long> barsByTicker) throws IOException {
        this.start = start;
        this.stepMillis = stepMillis;
        this.barsByTicker = Map.copyOf(barsByTicker);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::serve);
        server.setExecutor(threads);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            // /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.substring(PATH.length()).split("/");
            Long count = parts.length == 6 ? barsByTicker.get(parts[0]) : null;
            if (count == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long from = Long.parseLong(parts[4]);
            long to = Long.parseLong(parts[5]);
            int limit = Integer.parseInt(query.getOrDefault("limit", "5000"));
            RandomWalkBars walk = new RandomWalkBars(parts[0]);
            long first;
            long open;
            if (query.containsKey("cursor")) {
                String[] cursor = query.get("cursor").split("\\.");
                first = Long.parseLong(cursor[0]);
                open = Long.parseLong(cursor[1]);
            } else {
                first = Math.max(0, Math.floorDiv(from - start + stepMillis - 1, stepMillis));
                open = walk.openOf(first);
            }
            long end = Math.min(count, Math.floorDiv(to - start, stepMillis) + 1);
            long last = Math.min(end, first + limit);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
                 JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), body)) {
                json.writeStartObject();
                json.writeStringProperty("ticker", parts[0]);
                json.writeNumberProperty("queryCount", Math.max(0, last - first));
                json.writeNumberProperty("resultsCount", Math.max(0, last - first));
                json.writeBooleanProperty("adjusted", true);
                json.writeName("results");
                json.writeStartArray();
                for (long k = first; k < last; k++) {
                    RandomWalkBars.Bar bar = walk.bar(k, open);
                    json.writeStartObject();
                    json.writeNumberProperty("t", start + k * stepMillis);
                    json.writeName("o").writeNumber(RandomWalkBars.decimal(bar.open(), 2));
                    json.writeName("h").writeNumber(RandomWalkBars.decimal(bar.high(), 2));
                    json.writeName("l").writeNumber(RandomWalkBars.decimal(bar.low(), 2));
                    json.writeName("c").writeNumber(RandomWalkBars.decimal(bar.close(), 2));
                    json.writeName("v").writeNumber(RandomWalkBars.decimal(bar.volume(), 4));
                    json.writeName("vw").writeNumber(RandomWalkBars.decimal(bar.vwap(), 2));
                    json.writeNumberProperty("n", bar.trades());
                    json.writeEndObject();
                    open = bar.close();
                }
                json.writeEndArray();
                json.writeStringProperty("status", "OK");
                json.writeStringProperty("request_id", "synthetic-" + parts[0] + "-" + first);
                if (last < end) {
                    json.writeStringProperty("next_url", baseUrl() + path + "?cursor=" + last + "." + open
                            + "&limit=" + limit);
                }
                json.writeEndObject();
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return parameters;
    }
}
