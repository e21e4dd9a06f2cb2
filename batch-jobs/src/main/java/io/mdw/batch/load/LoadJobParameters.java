package io.mdw.batch.load;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A load request as the job's parameters. Only the request id identifies the job instance, so a failed request is
 * restarted under the same id, and every execution can be traced to the request that caused it.
 */
public final class LoadJobParameters {

    public static final String REQUEST_ID = "requestId";

    private LoadJobParameters() {
    }

    public static JobParameters of(LoadRequest request) {
        return new JobParametersBuilder()
                .addString(REQUEST_ID, request.requestId())
                .addString("symbols", String.join(",", request.symbols()), false)
                .addString("timeframes", String.join(",", request.timeframes().stream().map(Timeframe::code).toList()),
                        false)
                .addString("from", request.from().toString(), false)
                .addString("to", request.to().toString(), false)
                .addString("source", request.source(), false)
                .toJobParameters();
    }

    /** The parameters that identify a request's job instance. */
    public static JobParameters identifying(String requestId) {
        return new JobParametersBuilder().addString(REQUEST_ID, requestId).toJobParameters();
    }

    public static LoadRequest request(JobParameters parameters) {
        return new LoadRequest(parameters.getString(REQUEST_ID), split(parameters.getString("symbols")),
                split(parameters.getString("timeframes")).stream().map(Timeframe::fromCode).toList(),
                Instant.parse(parameters.getString("from")), Instant.parse(parameters.getString("to")),
                parameters.getString("source"));
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
