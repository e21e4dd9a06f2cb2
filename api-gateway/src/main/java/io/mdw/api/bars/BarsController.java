package io.mdw.api.bars;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import io.mdw.market.Timeframe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** OHLCV reads: one series (the old historical endpoint) or several symbols at once, in JSON, CSV or NDJSON. */
@RestController
class BarsController {

    static final int DEFAULT_JSON_LIMIT = 10_000;
    static final int MAX_JSON_LIMIT = 100_000;
    static final int MAX_STREAM_LIMIT = 10_000_000;
    static final int MAX_SYMBOLS = 200;

    private final BarRepository bars;
    private final BarWriter writer;

    BarsController(BarRepository bars, BarWriter writer) {
        this.bars = bars;
        this.writer = writer;
    }

    @Operation(summary = "Bars of one symbol",
            description = "start and end are dates (end inclusive) or ISO-8601 UTC times. With validated_only only bars "
                    + "with quality_score >= min_quality. A timeframe coarser than stored is aggregated on the fly. "
                    + "JSON pages hold at most 'limit' bars and link the next page; CSV (Accept: text/csv or format=csv) "
                    + "and NDJSON (Accept: application/x-ndjson) stream the whole range unless limit is given.",
            responses = @ApiResponse(responseCode = "200", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = BarPage.class)),
                    @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")}))
    @GetMapping(path = "/api/v1/historical/{symbol}", produces = {"application/json", "text/csv", "application/x-ndjson"})
    Mono<Void> historical(@PathVariable String symbol,
                          @RequestParam(defaultValue = "1d") String timeframe,
                          @RequestParam(required = false) String start,
                          @RequestParam(required = false) String end,
                          @RequestParam(name = "validated_only", defaultValue = "true") boolean validatedOnly,
                          @RequestParam(name = "min_quality", defaultValue = "0.85") BigDecimal minQuality,
                          @RequestParam(name = "include_features", defaultValue = "false") boolean includeFeatures,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) String format,
                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                          ServerHttpRequest request, ServerHttpResponse response) {
        String ticker = Params.symbol(symbol);
        Request parsed = Request.parse(timeframe, start, end, validatedOnly, minQuality, includeFeatures, limit,
                format, accept);
        Cursor after = Cursor.decode(cursor);
        BarQuery query = parsed.query(ticker, after == null ? null : after.time());
        Flux<Bar> series = bars.series(query, false);
        Flux<Bar> rows = after == null ? failWhenEmpty(series, ticker, parsed) : series;
        if (parsed.format() != BarFormat.JSON) {
            return stream(response, parsed, rows, false);
        }
        return writer.jsonPage(response, new BarWriter.PageHead(ticker, null, parsed.timeframe().code(), parsed.start(),
                parsed.end()), rows, parsed.limit(), last -> nextLink(request, new Cursor(ticker, last.time())));
    }

    @Operation(summary = "Bars of several symbols in one answer",
            description = "symbols is a comma-separated list; rows are ordered by symbol (as listed) then time and carry "
                    + "their symbol. Same parameters, defaults and formats as /api/v1/historical/{symbol}.",
            responses = @ApiResponse(responseCode = "200", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = BarPage.class)),
                    @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")}))
    @GetMapping(path = "/api/v1/bars", produces = {"application/json", "text/csv", "application/x-ndjson"})
    Mono<Void> bars(@RequestParam(required = false) String symbols,
                    @RequestParam(defaultValue = "1d") String timeframe,
                    @RequestParam(required = false) String start,
                    @RequestParam(required = false) String end,
                    @RequestParam(name = "validated_only", defaultValue = "true") boolean validatedOnly,
                    @RequestParam(name = "min_quality", defaultValue = "0.85") BigDecimal minQuality,
                    @RequestParam(name = "include_features", defaultValue = "false") boolean includeFeatures,
                    @RequestParam(required = false) Integer limit,
                    @RequestParam(required = false) String cursor,
                    @RequestParam(required = false) String format,
                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                    ServerHttpRequest request, ServerHttpResponse response) {
        List<String> tickers = Params.symbols(symbols, MAX_SYMBOLS);
        Request parsed = Request.parse(timeframe, start, end, validatedOnly, minQuality, includeFeatures, limit,
                format, accept);
        Cursor after = Cursor.decode(cursor);
        if (after != null && !tickers.contains(after.symbol())) {
            throw ApiProblem.badRequest("Invalid cursor: it belongs to another symbol list; pass the 'next' link unchanged");
        }
        int firstIndex = after == null ? 0 : tickers.indexOf(after.symbol());
        Flux<Bar> rows = Flux.fromIterable(tickers.subList(firstIndex, tickers.size()))
                .concatMap(ticker -> bars.series(
                        parsed.query(ticker, after != null && ticker.equals(after.symbol()) ? after.time() : null), true), 1);
        if (parsed.limit() != null) {
            rows = rows.take(parsed.limit() + 1L);
        }
        Flux<Bar> checked = rows;
        return bars.unknown(tickers).collectList().flatMap(unknown -> {
            if (!unknown.isEmpty()) {
                return Mono.error(ApiProblem.notFound("Unknown symbols: " + String.join(", ", unknown)
                        + "; GET /api/v1/symbols lists the available ones"));
            }
            Flux<Bar> nonEmpty = after == null ? failWhenEmpty(checked, tickers, parsed) : checked;
            if (parsed.format() != BarFormat.JSON) {
                return stream(response, parsed, nonEmpty, true);
            }
            return writer.jsonPage(response, new BarWriter.PageHead(null, tickers, parsed.timeframe().code(),
                            parsed.start(), parsed.end()), nonEmpty, parsed.limit(),
                    last -> nextLink(request, new Cursor(last.symbol(), last.time())));
        });
    }

    private Mono<Void> stream(ServerHttpResponse response, Request parsed, Flux<Bar> rows, boolean withSymbol) {
        Flux<Bar> bounded = parsed.limit() == null ? rows : rows.take(parsed.limit());
        return parsed.format() == BarFormat.CSV
                ? writer.csv(response, bounded, withSymbol, parsed.includeFeatures())
                : writer.ndjson(response, bounded);
    }

    private Flux<Bar> failWhenEmpty(Flux<Bar> rows, String symbol, Request parsed) {
        return rows.switchOnFirst((first, all) -> first.hasValue() || first.isOnError()
                ? all : bars.isKnown(symbol).flatMapMany(known -> Flux.error(known
                        ? notFound(List.of(symbol), parsed) : unknownSymbol(symbol))));
    }

    private Flux<Bar> failWhenEmpty(Flux<Bar> rows, List<String> symbols, Request parsed) {
        return rows.switchOnFirst((first, all) -> first.hasValue() || first.isOnError()
                ? all : Flux.error(notFound(symbols, parsed)));
    }

    private static ApiProblem unknownSymbol(String symbol) {
        return ApiProblem.notFound("Unknown symbol '" + symbol + "'; GET /api/v1/symbols lists the available ones");
    }

    private static String nextLink(ServerHttpRequest request, Cursor cursor) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>(request.getQueryParams());
        params.remove("cursor");
        params.add("cursor", cursor.encode());
        return UriComponentsBuilder.fromPath(request.getPath().value()).queryParams(params).build().encode().toUriString();
    }

    private ApiProblem notFound(List<String> symbols, Request parsed) {
        String quality = parsed.minQuality() == null ? ""
                : " with quality_score >= " + parsed.minQuality().toPlainString()
                + " (validated_only=true; pass validated_only=false to include all bars)";
        return ApiProblem.notFound("No " + parsed.timeframe().code() + " bars for " + String.join(", ", symbols)
                + " between " + parsed.start() + " and " + parsed.end() + quality);
    }

    /** The parameters shared by both endpoints, checked once. */
    private record Request(Timeframe timeframe, String start, String end, Instant from, Instant toExclusive,
                           BigDecimal minQuality, boolean includeFeatures, Integer limit, BarFormat format) {

        static Request parse(String timeframe, String start, String end, boolean validatedOnly, BigDecimal minQuality,
                             boolean includeFeatures, Integer limit, String format, String accept) {
            Timeframe tf = Params.timeframe(timeframe);
            Instant from = Params.rangeStart("start", start);
            Instant to = Params.rangeEndExclusive("end", end);
            Params.requireOrdered(from, to);
            if (minQuality.compareTo(BigDecimal.ZERO) < 0 || minQuality.compareTo(BigDecimal.ONE) > 0) {
                throw ApiProblem.badRequest("'min_quality' must be between 0 and 1; got " + minQuality.toPlainString());
            }
            BarFormat negotiated = BarFormat.negotiate(format, accept);
            Integer checkedLimit = negotiated == BarFormat.JSON
                    ? Integer.valueOf(Params.limit(limit, DEFAULT_JSON_LIMIT, MAX_JSON_LIMIT))
                    : limit == null ? null : Integer.valueOf(Params.limit(limit, limit, MAX_STREAM_LIMIT));
            return new Request(tf, start.trim(), end.trim(), from, to, validatedOnly ? minQuality : null,
                    includeFeatures, checkedLimit, negotiated);
        }

        /** One more row than the page holds, so that the answer knows whether a next page exists. */
        BarQuery query(String symbol, Instant after) {
            Integer fetch = format == BarFormat.JSON ? Integer.valueOf(limit + 1) : limit;
            return new BarQuery(symbol, timeframe, from, toExclusive, after, minQuality, includeFeatures, fetch);
        }
    }
}
