package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A load request as named strings: the one format of its Quartz job data (QRTZ_JOB_DETAILS) and of its Spring Batch
 * job parameters (BATCH_JOB_EXECUTION_PARAMS). Stored jobs are read back in it and SQL over those tables selects
 * fields by these names, so a renamed field or another list encoding would lose every job already stored.
 */
public final class LoadRequestFields {

    public static final String REQUEST_ID = "requestId";
    public static final String SYMBOLS = "symbols";
    public static final String TIMEFRAMES = "timeframes";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String SOURCE = "source";

    /** Separates the symbols, and the timeframe codes, of a request; a symbol may not contain it. */
    static final String LIST_SEPARATOR = ",";

    private LoadRequestFields() {
    }

    /**
     * SQL: a lateral subquery that reads a Spring Batch run's request back from its job parameters, as the columns
     * request_id, symbols, timeframes, from_time, to_time and source ({@code request.*}), for the run whose
     * batch_job_execution row is aliased {@code execution}. Every reader of the runs joins it.
     */
    public static String requestOfRun(String execution) {
        return """
                cross join lateral (
                      select max(p.parameter_value) filter (where p.parameter_name = '%s') as request_id,
                             max(p.parameter_value) filter (where p.parameter_name = '%s') as symbols,
                             max(p.parameter_value) filter (where p.parameter_name = '%s') as timeframes,
                             max(p.parameter_value) filter (where p.parameter_name = '%s') as from_time,
                             max(p.parameter_value) filter (where p.parameter_name = '%s') as to_time,
                             max(p.parameter_value) filter (where p.parameter_name = '%s') as source
                        from batch_job_execution_params p
                       where p.job_execution_id = %s.job_execution_id
                      ) request""".formatted(REQUEST_ID, SYMBOLS, TIMEFRAMES, FROM, TO, SOURCE, execution);
    }

    /**
     * SQL: whether the request that {@link #requestOfRun} reads lists {@code symbol} (an SQL expression, a bound
     * parameter say) as one of its symbols.
     */
    public static String listsSymbol(String symbol) {
        return "%s = any (string_to_array(request.symbols, '%s'))".formatted(symbol, LIST_SEPARATOR);
    }

    /** The request's fields by name. */
    public static Map<String, String> encode(LoadRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(REQUEST_ID, request.requestId());
        fields.put(SYMBOLS, encodeList(request.symbols()));
        fields.put(TIMEFRAMES, encodeList(request.timeframes().stream().map(Timeframe::code).toList()));
        fields.put(FROM, request.from().toString());
        fields.put(TO, request.to().toString());
        fields.put(SOURCE, request.source());
        return fields;
    }

    /** The request whose fields this looks up by name, e.g. {@code jobDataMap::getString}. */
    public static LoadRequest decode(Function<String, String> field) {
        return new LoadRequest(field.apply(REQUEST_ID), decodeList(field.apply(SYMBOLS)),
                decodeTimeframes(field.apply(TIMEFRAMES)), Instant.parse(field.apply(FROM)),
                Instant.parse(field.apply(TO)), field.apply(SOURCE));
    }

    /** The stored form of the symbols or the timeframe codes. */
    private static String encodeList(List<String> items) {
        return String.join(LIST_SEPARATOR, items);
    }

    /** The symbols or timeframe codes of a stored list; none when the field is absent. */
    public static List<String> decodeList(String encoded) {
        return encoded == null ? List.of()
                : Arrays.stream(encoded.split(LIST_SEPARATOR)).filter(item -> !item.isBlank()).toList();
    }

    static List<Timeframe> decodeTimeframes(String encoded) {
        return decodeList(encoded).stream().map(Timeframe::fromCode).toList();
    }
}
