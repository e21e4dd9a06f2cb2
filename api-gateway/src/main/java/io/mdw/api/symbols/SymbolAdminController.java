package io.mdw.api.symbols;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.keys.AuditWebFilter;
import io.mdw.api.web.Params;
import io.mdw.calendar.WarehouseDates;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.NullMarked;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Admin management of tracked symbols; DELETE deactivates (the bars stay). */
@RestController
@RequestMapping("/api/v1/admin/symbols")
class SymbolAdminController {

    private final SymbolRepository symbols;

    SymbolAdminController(SymbolRepository symbols) {
        this.symbols = symbols;
    }

    record NewSymbol(String symbol, String assetClass, String providerTicker, List<String> timeframes,
                     String historyStart) {
    }

    record SymbolChange(String assetClass, String providerTicker, List<String> timeframes, String historyStart,
                        Boolean active) {
    }

    record TimeframesChange(List<String> timeframes) {
    }

    @NullMarked
    record TrackedSymbolList(int count, List<TrackedSymbol> symbols) {
    }

    @Operation(summary = "Track a symbol",
            description = "JSON body {symbol, asset_class, provider_ticker, timeframes, history_start}. history_start "
                    + "is a date from 1900-01-01 to today. provider_ticker "
                    + "defaults to the symbol, asset_class to what the provider ticker implies (X: crypto, C: forex, "
                    + "else stock; a symbol only loaded from a file keeps the class recorded then), timeframes to [1d]. "
                    + "201 with the symbol; 409 when it is already tracked or deactivated (PUT changes it).")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<TrackedSymbol>> create(@RequestBody NewSymbol body, ServerWebExchange exchange) {
        AuditWebFilter.auditBody(exchange, body);
        String symbol = Params.symbol(body.symbol());
        AssetClass assetClass = body.assetClass() == null ? null : Params.assetClass(body.assetClass());
        String ticker = body.providerTicker() == null ? symbol : Params.symbol(body.providerTicker());
        List<String> timeframes = codes(body.timeframes() == null ? List.of("1d") : body.timeframes());
        return symbols.insert(symbol, assetClass, ticker, timeframes, date(body.historyStart()))
                .map(created -> ResponseEntity.created(URI.create("/api/v1/admin/symbols/" + symbol)).body(created))
                .switchIfEmpty(symbols.find(symbol).flatMap(existing -> Mono.error(existing.active()
                        ? ApiProblem.conflict("Symbol " + symbol + " is already tracked; PUT /api/v1/admin/symbols/"
                                + symbol + " changes it")
                        : ApiProblem.conflict("Symbol " + symbol + " is deactivated; PUT /api/v1/admin/symbols/" + symbol
                                + " {\"active\": true} reactivates it"))));
    }

    @GetMapping
    Mono<TrackedSymbolList> list() {
        return symbols.findAll().collectList().map(all -> new TrackedSymbolList(all.size(), all));
    }

    @GetMapping("/{symbol}")
    Mono<TrackedSymbol> get(@PathVariable String symbol) {
        String ticker = Params.symbol(symbol);
        return symbols.find(ticker).switchIfEmpty(Mono.error(() -> notTracked(ticker)));
    }

    @PutMapping("/{symbol}")
    Mono<TrackedSymbol> update(@PathVariable String symbol, @RequestBody SymbolChange body,
                               ServerWebExchange exchange) {
        AuditWebFilter.auditBody(exchange, body);
        String ticker = Params.symbol(symbol);
        String assetClass = body.assetClass() == null ? null : Params.assetClass(body.assetClass()).code();
        String providerTicker = body.providerTicker() == null ? null : Params.symbol(body.providerTicker());
        List<String> timeframes = body.timeframes() == null ? null : codes(body.timeframes());
        LocalDate historyStart = date(body.historyStart());
        return loadable(ticker, timeframes, body.active())
                .then(Mono.defer(() -> symbols.update(ticker, assetClass, providerTicker, timeframes, historyStart,
                        body.active())))
                .switchIfEmpty(Mono.error(() -> notTracked(ticker)));
    }

    @PutMapping("/{symbol}/timeframes")
    Mono<TrackedSymbol> timeframes(@PathVariable String symbol, @RequestBody TimeframesChange body,
                                   ServerWebExchange exchange) {
        AuditWebFilter.auditBody(exchange, body);
        String ticker = Params.symbol(symbol);
        if (body.timeframes() == null) {
            throw ApiProblem.badRequest("'timeframes' is required, e.g. {\"timeframes\": [\"1d\", \"1h\"]}");
        }
        return symbols.update(ticker, null, null, codes(body.timeframes()), null, null)
                .switchIfEmpty(Mono.error(() -> notTracked(ticker)));
    }

    /**
     * Refuses to make a symbol active with no timeframe (one loaded from a file has none until given some): the nightly
     * load would load nothing of it. Empty when the symbol is not tracked.
     */
    private Mono<Void> loadable(String ticker, List<String> timeframes, Boolean active) {
        return symbols.find(ticker).flatMap(current -> {
            boolean activeAfter = active != null ? active : current.active();
            List<String> timeframesAfter = timeframes != null ? timeframes : current.timeframes();
            return activeAfter && timeframesAfter.isEmpty()
                    ? Mono.error(ApiProblem.badRequest(ticker + " would be active with no timeframe to load; give its"
                            + " timeframes too, e.g. {\"active\": true, \"timeframes\": [\"1d\"]}"))
                    : Mono.<Void>empty();
        });
    }

    @DeleteMapping("/{symbol}")
    Mono<TrackedSymbol> deactivate(@PathVariable String symbol) {
        String ticker = Params.symbol(symbol);
        return symbols.update(ticker, null, null, null, null, false)
                .switchIfEmpty(Mono.error(() -> notTracked(ticker)));
    }

    private static List<String> codes(List<String> timeframes) {
        return Params.timeframes(timeframes).stream().map(Timeframe::code).toList();
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("Invalid history_start '" + Params.abbreviate(value) + "': use YYYY-MM-DD");
        }
        // as ./mdw symbols add --since
        try {
            return WarehouseDates.historyStart(day, LocalDate.now(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("history_start " + e.getMessage());
        }
    }

    private static ApiProblem notTracked(String symbol) {
        return ApiProblem.notFound("Symbol " + symbol + " is not tracked; POST /api/v1/admin/symbols adds it");
    }
}
