package io.mdw.api.quality;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.mdw.api.bars.BarRepository;
import io.mdw.api.errors.ApiProblem;
import io.mdw.api.symbols.SymbolRepository;
import io.mdw.api.web.Params;
import io.mdw.api.web.QualityScoreJson;
import io.mdw.api.web.Rows;
import io.mdw.calendar.TradingCalendar;
import io.mdw.market.AssetClass;
import io.mdw.scheduling.CalendarSettings;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.annotation.JsonSerialize;

/** The daily quality report of a symbol (quality_daily) with its recent provider requests. */
@RestController
class QualityController {

    private static final int MAX_DAYS = 365;
    private static final int RECENT_FETCHES = 20;

    private final QualityRepository quality;
    private final BarRepository bars;
    private final SymbolRepository symbols;
    private final CalendarSettings calendars;

    QualityController(QualityRepository quality, BarRepository bars, SymbolRepository symbols,
                      CalendarSettings calendars) {
        this.quality = quality;
        this.bars = bars;
        this.symbols = symbols;
        this.calendars = calendars;
    }

    @NullMarked
    record Summary(@Nullable BigDecimal avgValidationRate,
                   @JsonSerialize(using = QualityScoreJson.class) @Nullable BigDecimal avgQualityScore,
                   @Schema(description = DailyMetric.GAPS) long totalGapsDetected,
                   @Schema(description = DailyMetric.ANOMALIES) long totalAnomalies, long totalRecords, long totalRejected) {
    }

    @NullMarked
    record QualityReport(String symbol, int periodDays, Summary summary, List<DailyMetric> dailyMetrics,
                         List<FetchLog> recentFetchLogs, Instant timestamp) {
    }

    @GetMapping("/api/v1/data/quality/{symbol}")
    Mono<QualityReport> quality(@PathVariable String symbol, @Parameter(schema = @Schema(type = "integer", minimum = "1",
            maximum = "" + MAX_DAYS)) @RequestParam(defaultValue = "7") int days) {
        String ticker = Params.symbol(symbol);
        Params.between("days", days, 1, MAX_DAYS);
        // one moment for the window, the bars expected by then and the report's timestamp
        Instant now = Instant.now();
        LocalDate since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1L);
        Mono<List<DailyMetric>> daily = calendarOf(ticker)
                .flatMap(calendar -> quality.dailyMetrics(ticker, since, calendar, now).collectList());
        Mono<List<FetchLog>> fetches = quality.recentFetches(ticker, RECENT_FETCHES).collectList();
        return Mono.zip(bars.isKnown(ticker), daily, fetches).map(all -> {
            if (!all.getT1()) {
                throw ApiProblem.notFound("Unknown symbol '" + ticker + "'; GET /api/v1/symbols lists the available ones");
            }
            return new QualityReport(ticker, days, summarize(all.getT2()), all.getT2(), all.getT3(), now);
        });
    }

    /** The calendar of the symbol's asset class: the one the symbols table records, else the one its ticker implies. */
    private Mono<TradingCalendar> calendarOf(String ticker) {
        return symbols.find(ticker)
                .map(tracked -> AssetClass.ofSymbol(ticker, tracked.assetClass()))
                .defaultIfEmpty(AssetClass.ofTicker(ticker))
                .map(calendars::forAssetClass);
    }

    private static Summary summarize(List<DailyMetric> days) {
        long records = days.stream().mapToLong(DailyMetric::totalRecords).sum();
        long validated = days.stream().mapToLong(DailyMetric::validatedRecords).sum();
        return new Summary(Rows.percent(validated, records),
                Rows.meanScore(days, DailyMetric::avgQualityScore, DailyMetric::totalRecords),
                days.stream().mapToLong(DailyMetric::gapsDetected).sum(),
                days.stream().mapToLong(DailyMetric::anomaliesDetected).sum(), records,
                days.stream().mapToLong(DailyMetric::rejectedRecords).sum());
    }
}
