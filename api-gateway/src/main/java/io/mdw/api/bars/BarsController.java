package io.mdw.api.bars;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** OHLCV reads: one series (the old historical endpoint) or several symbols at once, in JSON, CSV or NDJSON. */
@RestController
class BarsController {

    static final int MAX_SYMBOLS = 200;

    private static final String LINK_HEADER_DESCRIPTION = "CSV and NDJSON with 'limit', when more bars follow: "
            + "<the same request with a cursor>; rel=\"next\". The answer holds 'limit' bars, more only when bars "
            + "were stored while it was read.";

    private final BarRepository bars;
    private final BarWriter writer;
    private final EmptyListings emptyListings;

    BarsController(BarRepository bars, BarWriter writer, EmptyListings emptyListings) {
        this.bars = bars;
        this.writer = writer;
        this.emptyListings = emptyListings;
    }

    @Operation(summary = "Bars of one symbol",
            description = "start and end are dates (end inclusive) or ISO-8601 UTC times. With validated_only only bars "
                    + "with quality_score >= min_quality. A timeframe coarser than stored is aggregated on the fly, "
                    + "each bar from its whole bucket, listed when the bucket starts in the range. "
                    + "JSON pages hold at most 'limit' bars and link the next page in 'next'; CSV (Accept: text/csv or "
                    + "format=csv) and NDJSON (Accept: application/x-ndjson) stream the whole range, or with 'limit' "
                    + "that many bars and a Link header (rel=\"next\") to the rest.",
            responses = @ApiResponse(responseCode = "200", headers = @Header(name = HttpHeaders.LINK,
                    description = LINK_HEADER_DESCRIPTION, schema = @Schema(type = "string")), content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = BarPage.class)),
                    @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")}))
    @GetMapping(path = "/api/v1/historical/{symbol}", produces = {"application/json", "text/csv", "application/x-ndjson"})
    Mono<Void> historical(@PathVariable String symbol,
                          @RequestParam(required = false) String timeframe,
                          @RequestParam(required = false) String start,
                          @RequestParam(required = false) String end,
                          @RequestParam(name = "validated_only", defaultValue = "true") boolean validatedOnly,
                          @Parameter(schema = @Schema(type = "number", minimum = "0", maximum = "1"))
                          @RequestParam(name = "min_quality", defaultValue = "0.85") BigDecimal minQuality,
                          @RequestParam(name = "include_features", defaultValue = "false") boolean includeFeatures,
                          @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + BarRequest.MAX_LIMIT))
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) String format,
                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                          ServerHttpRequest request, ServerHttpResponse response) {
        String ticker = Params.symbol(symbol);
        BarRequest parsed = BarRequest.parse(timeframe, start, end, validatedOnly, minQuality, includeFeatures,
                limit, format, accept);
        List<String> listed = List.of(ticker);
        Cursor after = Cursor.decode(cursor, listed, parsed);
        Function<Cursor, Flux<Bar>> readUpTo = last -> bars.series(parsed.query(ticker, after, last), false);
        Flux<Bar> firstRows = bars.series(parsed.firstRead().query(ticker, after, null), false);
        Flux<Bar> firstRead = after == null ? emptyListings.failWhenEmpty(firstRows, ticker, parsed) : firstRows;
        Function<Bar, Cursor> position = bar -> new Cursor(ticker, bar.time());
        if (parsed.format() != BarFormat.JSON) {
            return stream(request, response, parsed, listed, firstRead, readUpTo, position, false);
        }
        return writer.jsonPage(response, new BarWriter.PageHead(ticker, null, parsed.timeframe().code(), parsed.start(),
                parsed.end()), firstRead, parsed.limit(), last -> nextLink(request, position.apply(last), listed, parsed));
    }

    @Operation(summary = "Bars of several symbols in one answer",
            description = "symbols is a comma-separated list; rows are ordered by symbol (as listed) then time and carry "
                    + "their symbol. Same parameters, defaults and formats as /api/v1/historical/{symbol}.",
            responses = @ApiResponse(responseCode = "200", headers = @Header(name = HttpHeaders.LINK,
                    description = LINK_HEADER_DESCRIPTION, schema = @Schema(type = "string")), content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = BarPage.class)),
                    @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")}))
    @GetMapping(path = "/api/v1/bars", produces = {"application/json", "text/csv", "application/x-ndjson"})
    Mono<Void> bars(@RequestParam(required = false) List<String> symbols,
                    @RequestParam(required = false) String timeframe,
                    @RequestParam(required = false) String start,
                    @RequestParam(required = false) String end,
                    @RequestParam(name = "validated_only", defaultValue = "true") boolean validatedOnly,
                    @Parameter(schema = @Schema(type = "number", minimum = "0", maximum = "1"))
                          @RequestParam(name = "min_quality", defaultValue = "0.85") BigDecimal minQuality,
                    @RequestParam(name = "include_features", defaultValue = "false") boolean includeFeatures,
                    @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + BarRequest.MAX_LIMIT))
                          @RequestParam(required = false) Integer limit,
                    @RequestParam(required = false) String cursor,
                    @RequestParam(required = false) String format,
                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                    ServerHttpRequest request, ServerHttpResponse response) {
        // symbols=A,B and symbols=A&symbols=B alike
        List<String> tickers = Params.symbols(symbols == null ? null : String.join(",", symbols), MAX_SYMBOLS);
        BarRequest parsed = BarRequest.parse(timeframe, start, end, validatedOnly, minQuality, includeFeatures,
                limit, format, accept);
        Cursor after = Cursor.decode(cursor, tickers, parsed);
        int firstIndex = after == null ? 0 : tickers.indexOf(after.symbol());
        BiFunction<BarRequest, Cursor, Flux<Bar>> read = (asked, last) -> {
            int endIndex = last == null ? tickers.size() : tickers.indexOf(last.symbol()) + 1;
            Flux<Bar> rows = Flux.fromIterable(tickers.subList(firstIndex, endIndex))
                    .concatMap(ticker -> bars.series(asked.query(ticker, after, last), true), 1);
            return last == null && asked.limit() != null ? rows.take(asked.limit() + 1L) : rows;
        };
        Function<Cursor, Flux<Bar>> readUpTo = last -> read.apply(parsed, last);
        Flux<Bar> firstRows = read.apply(parsed.firstRead(), null);
        Flux<Bar> firstRead = after == null ? emptyListings.failWhenEmpty(firstRows, tickers, parsed) : firstRows;
        Function<Bar, Cursor> position = bar -> new Cursor(bar.symbol(), bar.time());
        return bars.unknown(tickers).collectList().flatMap(unknown -> {
            if (!unknown.isEmpty()) {
                return Mono.error(ApiProblem.notFound("Unknown symbols: " + String.join(", ", unknown)
                        + "; GET /api/v1/symbols lists the available ones"));
            }
            if (parsed.format() != BarFormat.JSON) {
                return stream(request, response, parsed, tickers, firstRead, readUpTo, position, true);
            }
            return writer.jsonPage(response, new BarWriter.PageHead(null, tickers, parsed.timeframe().code(),
                            parsed.start(), parsed.end()), firstRead, parsed.limit(),
                    last -> nextLink(request, position.apply(last), tickers, parsed));
        });
    }

    /**
     * CSV and NDJSON go out as the rows arrive, headers first, so with a limit the end of the answer is found before:
     * the first read goes up to one row past the limit and keeps only its last two rows, which tell the last row to
     * send and whether more follow. The rows sent are then read up to that last row, by position rather than counted,
     * so that the {@code Link} to the rest continues right after the last row sent: a bar stored between the two
     * reads is sent with them (the answer then holds more than the limit), never skipped.
     *
     * @param listed    the listing's symbols, in their order, which the cursor of the Link names
     * @param firstRead the listing's rows, up to one past the limit (features left out); fails when the listing is empty
     * @param readUpTo  the listing's rows up to and including a position
     */
    private Mono<Void> stream(ServerHttpRequest request, ServerHttpResponse response, BarRequest parsed,
                              List<String> listed, Flux<Bar> firstRead, Function<Cursor, Flux<Bar>> readUpTo,
                              Function<Bar, Cursor> position, boolean withSymbol) {
        if (parsed.limit() == null) {
            return write(response, parsed, firstRead, withSymbol);
        }
        long limit = parsed.limit();
        return firstRead.index().takeLast(2).collectList().flatMap(end -> {
            if (end.isEmpty()) {
                return write(response, parsed, Flux.empty(), withSymbol);
            }
            boolean more = end.get(end.size() - 1).getT1() == limit;
            Cursor lastSent = position.apply(end.get(more ? 0 : end.size() - 1).getT2());
            Flux<Bar> rows = readUpTo.apply(lastSent);
            if (more) {
                String link = "<" + nextLink(request, lastSent, listed, parsed) + ">; rel=\"next\"";
                // only on an answer with rows: an error answer instead has no next part
                rows = rows.switchOnFirst((first, all) -> {
                    if (first.hasValue()) {
                        response.getHeaders().add(HttpHeaders.LINK, link);
                    }
                    return all;
                });
            }
            return write(response, parsed, rows, withSymbol);
        });
    }

    private Mono<Void> write(ServerHttpResponse response, BarRequest parsed, Flux<Bar> rows, boolean withSymbol) {
        return parsed.format() == BarFormat.CSV
                ? writer.csv(response, rows, withSymbol, parsed.includeFeatures())
                : writer.ndjson(response, rows);
    }

    /**
     * The request again with the cursor after that bar: its path as the client sent it, its query parameters encoded
     * as forms are ({@code +} as {@code %2B}), since that is how the server decodes them.
     */
    private static String nextLink(ServerHttpRequest request, Cursor cursor, List<String> listed, BarRequest parsed) {
        StringBuilder link = new StringBuilder(request.getPath().value());
        char separator = '?';
        for (Map.Entry<String, List<String>> parameter : request.getQueryParams().entrySet()) {
            if (parameter.getKey().equals("cursor")) {
                continue;
            }
            for (String value : parameter.getValue()) {
                link.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8));
                if (value != null) {
                    link.append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                separator = '&';
            }
        }
        return link.append(separator).append("cursor=").append(cursor.encode(Cursor.listing(listed, parsed))).toString();
    }
}
