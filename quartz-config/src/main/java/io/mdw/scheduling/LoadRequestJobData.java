package io.mdw.scheduling;

import io.mdw.market.Timeframe;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.quartz.JobDataMap;

/** A load request as plain strings in a Quartz JobDataMap, readable in the database and across versions. */
final class LoadRequestJobData {

    private static final String REQUEST_ID = "requestId";
    private static final String SYMBOLS = "symbols";
    private static final String TIMEFRAMES = "timeframes";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String SOURCE = "source";

    private LoadRequestJobData() {
    }

    static JobDataMap toJobData(LoadRequest request) {
        JobDataMap data = new JobDataMap();
        data.put(REQUEST_ID, request.requestId());
        data.put(SYMBOLS, String.join(",", request.symbols()));
        data.put(TIMEFRAMES, request.timeframes().stream().map(Timeframe::code).collect(Collectors.joining(",")));
        data.put(FROM, request.from().toString());
        data.put(TO, request.to().toString());
        data.put(SOURCE, request.source());
        return data;
    }

    static LoadRequest fromJobData(JobDataMap data) {
        return new LoadRequest(
                data.getString(REQUEST_ID),
                split(data.getString(SYMBOLS)),
                split(data.getString(TIMEFRAMES)).stream().map(Timeframe::fromCode).toList(),
                Instant.parse(data.getString(FROM)),
                Instant.parse(data.getString(TO)),
                data.getString(SOURCE));
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.asList(commaSeparated.split(","));
    }
}
