package io.mdw.api.enrichment;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.keys.AuditWebFilter;
import io.mdw.api.web.Params;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.NullMarked;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Loads on demand: trigger, follow, list and restart jobs. */
@RestController
class JobsController {

    private static final int MAX_SYMBOLS = 100;
    private static final int MAX_JOBS = 500;

    private final LoadJobs jobs;

    JobsController(LoadJobs jobs) {
        this.jobs = jobs;
    }

    /** The JSON form of a trigger; a field left out may come as the query parameter of the same name. */
    record TriggerBody(String symbol, List<String> symbols, String assetClass, List<String> timeframes, String start,
                       String end) {
    }

    @NullMarked
    record JobList(int count, List<JobView> jobs) {
    }

    @Operation(summary = "Load symbols × timeframes now",
            description = "Query form: ?symbol=AAPL&asset_class=stock&timeframes=1d&timeframes=1h&start=&end=; or a JSON "
                    + "body {symbol|symbols, asset_class, timeframes, start, end}. asset_class defaults to a tracked "
                    + "symbol's own, else to what the ticker implies (X: crypto, C: forex, else stock), "
                    + "timeframes to [1d], start to where the nightly load would start (the last stored bar less "
                    + "MDW_NIGHTLY_OVERLAP_BARS bars, else the symbol's history start, else MDW_NIGHTLY_DEFAULT_LOOKBACK "
                    + "back), end to now. Unknown symbols become tracked; tracked ones get the timeframes added, are "
                    + "reactivated and take a given asset_class. 202 with the job id; 409 with the id of a job already "
                    + "queued or running for the same series.")
    @PostMapping("/api/v1/enrichment/trigger")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ResponseEntity<TriggerAccepted>> trigger(@RequestParam(required = false) String symbol,
                                                  @RequestParam(name = "asset_class", required = false) String assetClass,
                                                  @RequestParam(required = false) List<String> timeframes,
                                                  @RequestParam(required = false) String start,
                                                  @RequestParam(required = false) String end,
                                                  @RequestBody(required = false) TriggerBody body,
                                                  ServerWebExchange exchange) {
        AuditWebFilter.auditBody(exchange, body);
        TriggerBody given = body == null ? new TriggerBody(null, null, null, null, null, null) : body;
        List<String> symbols = symbols(given, symbol);
        String assetCode = once("asset_class", given.assetClass(), assetClass);
        AssetClass asset = assetCode == null ? null : Params.assetClass(assetCode);
        List<String> timeframeValues = once("timeframes", given.timeframes(), timeframes);
        // the query's timeframes may each list several, comma-separated; a JSON entry is one timeframe
        List<Timeframe> tfs = timeframeValues == null ? List.of(Timeframe.ONE_DAY)
                : given.timeframes() != null ? Params.timeframes(timeframeValues)
                : Params.timeframesFromQuery(timeframeValues);
        String startValue = once("start", given.start(), start);
        String endValue = once("end", given.end(), end);
        // to the microsecond, as every time stored and given to the API is (an end after now becomes now)
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant from = startValue == null ? null : Params.rangeStart("start", startValue);
        Instant to = endValue == null ? null : Params.rangeEndExclusive("end", endValue);
        if (to != null && to.isAfter(now)) {
            to = now;
        }
        if (from != null && !from.isBefore(to == null ? now : to)) {
            throw ApiProblem.badRequest("'start' must be before 'end' (and before now)");
        }
        // the audit names the job queued, or the one already loading these series
        return jobs.trigger(new LoadJobs.Trigger(symbols, asset, tfs, from, to))
                .doOnNext(accepted -> exchange.getAttributes().put(AuditWebFilter.TARGET_JOB_ATTRIBUTE, accepted.jobId()))
                .doOnError(ApiProblem.class, refused -> {
                    if (refused.existingJobId() != null) {
                        exchange.getAttributes().put(AuditWebFilter.TARGET_JOB_ATTRIBUTE, refused.existingJobId());
                    }
                })
                .map(accepted -> ResponseEntity.accepted()
                        .location(URI.create(LoadJobs.statusUrl(accepted.jobId())))
                        .body(accepted));
    }

    @GetMapping("/api/v1/enrichment/jobs/{jobId}")
    Mono<JobView> job(@PathVariable String jobId) {
        return jobs.view(jobId(jobId));
    }

    @GetMapping("/api/v1/enrichment/jobs")
    Mono<JobList> jobs(@Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_JOBS))
                       @RequestParam(defaultValue = "50") int limit) {
        Params.between("limit", limit, 1, MAX_JOBS);
        return jobs.recent(limit).collectList().map(list -> new JobList(list.size(), list));
    }

    @Operation(summary = "Restart a failed job", description = "It resumes from its last committed chunk. "
            + "409 when the job is queued, running or completed, or when another job queued or running loads some of "
            + "its series (with that job's id).")
    @PostMapping("/api/v1/enrichment/jobs/{jobId}/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ResponseEntity<JobView>> restart(@PathVariable String jobId) {
        String id = jobId(jobId);
        return jobs.restart(id).map(view -> ResponseEntity.accepted()
                .location(URI.create(LoadJobs.statusUrl(id))).body(view));
    }

    private static List<String> symbols(TriggerBody body, String symbolParam) {
        if (body.symbols() != null && body.symbol() != null) {
            throw ApiProblem.badRequest("Give either 'symbol' or 'symbols' in the body, not both");
        }
        List<String> fromBody = body.symbols() != null ? body.symbols()
                : body.symbol() != null ? List.of(body.symbol()) : null;
        List<String> given = once("symbol", fromBody, symbolParam == null ? null : List.of(symbolParam));
        if (given == null || given.isEmpty()) {
            throw ApiProblem.badRequest("'symbol' (or in a JSON body 'symbols') is required, e.g. ?symbol=AAPL or"
                    + " {\"symbols\": [\"AAPL\", \"MSFT\"]}");
        }
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null || given.get(i).isBlank()) {
                throw ApiProblem.badRequest(body.symbols() != null
                        ? "'symbols' holds an empty entry at position " + (i + 1) + "; each must be a ticker such as AAPL"
                        : "'symbol' is empty; it must be a ticker such as AAPL");
            }
        }
        // the query's symbol may list several, comma-separated; a JSON entry is one symbol
        return fromBody != null ? Params.symbols(given, MAX_SYMBOLS) : Params.symbols(symbolParam, MAX_SYMBOLS);
    }

    /** A field given in the body or as the query parameter of the same name; in both, only with the same value. */
    private static <T> T once(String name, T fromBody, T fromQuery) {
        if (fromBody != null && fromQuery != null && !fromBody.equals(fromQuery)) {
            throw ApiProblem.badRequest("'" + name + "' is given both in the query (" + fromQuery + ") and in the body ("
                    + fromBody + "); give it once");
        }
        return fromBody != null ? fromBody : fromQuery;
    }

    private static String jobId(String jobId) {
        if (jobId.length() > 200 || !jobId.matches("[A-Za-z0-9._:-]+")) {
            throw ApiProblem.badRequest("Invalid job id '" + Params.abbreviate(jobId) + "': a job id is the job_id a trigger"
                    + " answered (letters, digits, '.', '_', ':' and '-'); GET /api/v1/enrichment/jobs lists them");
        }
        return jobId;
    }
}
