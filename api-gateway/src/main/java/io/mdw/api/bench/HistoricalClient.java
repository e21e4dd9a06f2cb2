package io.mdw.api.bench;

import java.io.IOException;
import java.time.LocalDate;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The consumer's side of {@code GET /api/v1/historical/{symbol}}: keep-alive connections, at most one request on each
 * at a time, every answer read to its last byte. Its own event loop, so it never runs on the API server's threads.
 */
final class HistoricalClient implements AutoCloseable {

    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final HttpClient http;

    HistoricalClient(int port, int connections) {
        this.connections = ConnectionProvider.builder("mdw-bench").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        this.loops = LoopResources.create("mdw-bench-client", 1, true);
        this.http = HttpClient.create(this.connections).runOn(loops).baseUrl("http://localhost:" + port);
    }

    /** The request a consumer makes for a symbol's daily bars over the range, with the endpoint's default filters. */
    static String path(String symbol, LocalDate start, LocalDate end) {
        return "/api/v1/historical/" + symbol + "?timeframe=1d&start=" + start + "&end=" + end;
    }

    /** Sends the request and reads the whole answer; fails unless it is a 200 with a body. */
    Mono<Void> get(String path) {
        // counted as it arrives, not copied into one array: the measure is the API, not the consumer's copying
        return http.get().uri(path)
                .response((response, body) -> body.map(ByteBuf::readableBytes).reduce(0, Integer::sum)
                        .map(bytes -> new Answer(response.status(), bytes)))
                .next()
                .switchIfEmpty(Mono.error(() -> new IOException(path + " answered nothing")))
                .flatMap(answer -> answer.status().equals(HttpResponseStatus.OK) && answer.bytes() > 0
                        ? Mono.<Void>empty()
                        : Mono.error(new IOException(path + " answered " + answer.status())));
    }

    @Override
    public void close() {
        connections.dispose();
        loops.dispose();
    }

    private record Answer(HttpResponseStatus status, int bytes) {
    }
}
