package io.mdw.api.bars;

import java.util.List;

import io.mdw.api.errors.ApiProblem;
import io.mdw.market.Timeframe;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A listing of known symbols without bars answers 404 saying why: nothing stored in the range, only coarser
 * timeframes stored, the quality filter, or no resampled bucket starting in the range. The reasons are looked up only
 * once a listing turns out empty.
 */
@Component
class EmptyListings {

    private final BarRepository bars;

    EmptyListings(BarRepository bars) {
        this.bars = bars;
    }

    /** The rows of one symbol's listing, or, when there are none, a 404 for an unknown symbol or one saying why. */
    Flux<Bar> failWhenEmpty(Flux<Bar> rows, String symbol, BarRequest parsed) {
        return rows.switchOnFirst((first, all) -> first.hasValue() || first.isOnError()
                ? all : bars.isKnown(symbol).flatMapMany(known -> known
                        ? notFound(List.of(symbol), parsed) : Flux.error(unknownSymbol(symbol))));
    }

    /** The rows of a listing of known symbols, or, when there are none, a 404 saying why. */
    Flux<Bar> failWhenEmpty(Flux<Bar> rows, List<String> symbols, BarRequest parsed) {
        return rows.switchOnFirst((first, all) -> first.hasValue() || first.isOnError()
                ? all : notFound(symbols, parsed));
    }

    private static ApiProblem unknownSymbol(String symbol) {
        return ApiProblem.notFound("Unknown symbol '" + symbol + "'; GET /api/v1/symbols lists the available ones");
    }

    private Flux<Bar> notFound(List<String> symbols, BarRequest parsed) {
        String none = "No " + parsed.timeframe().code() + " bars for " + String.join(", ", symbols) + " between "
                + parsed.start() + " and " + parsed.end();
        return bars.storedTimeframes(symbols, parsed.from(), parsed.toExclusive()).collectList()
                .flatMap(stored -> why(stored, symbols, parsed))
                .flatMapMany(reason -> Flux.error(ApiProblem.notFound(none + reason)));
    }

    private Mono<String> why(List<Timeframe> stored, List<String> symbols, BarRequest parsed) {
        if (stored.isEmpty()) {
            return Mono.just(": none are stored in that range, in any timeframe");
        }
        if (stored.stream().noneMatch(tf -> tf == parsed.timeframe() || parsed.timeframe().aggregatesFrom(tf))) {
            return Mono.just(": that range holds " + stored.stream().map(Timeframe::code).toList() + " bars; a"
                    + " timeframe is served from itself or aggregated from a finer one that divides it, never from a"
                    + " coarser one");
        }
        Mono<Boolean> filteredOut = parsed.minQuality() == null ? Mono.just(false)
                : Flux.fromIterable(symbols)
                        .concatMap(symbol -> bars.series(parsed.withoutQualityFilter().query(symbol, null, null), false), 1)
                        .hasElements();
        return filteredOut.map(filtered -> filtered
                ? " with quality_score >= " + parsed.minQuality().toPlainString()
                        + " (validated_only=true; pass validated_only=false to include all bars)"
                : ": a resampled bar is listed when its bucket starts in the range, and no " + parsed.timeframe().code()
                        + " bucket starts there (weeks start on Sunday at midnight, days at midnight, shorter buckets"
                        + " every step from midnight; New York time for stocks and ETFs, UTC otherwise); move 'start'"
                        + " back to the start of the bucket");
    }
}
