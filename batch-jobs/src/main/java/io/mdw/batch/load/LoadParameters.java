package io.mdw.batch.load;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.mdw.market.Timeframe;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What one run of the load job is asked to do: which series, which window [from, to), from which source.
 * The request id identifies the run, so that a failed request can be restarted and traced to its executions.
 *
 * @param source "polygon", or "file" to read {@code file} (a provider-format JSON or a CSV file)
 */
public record LoadParameters(String requestId, List<String> symbols, List<Timeframe> timeframes, Instant from,
        Instant to, String source, String file) {

    public static final String POLYGON = "polygon";
    public static final String FILE = "file";

    public LoadParameters {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window's start " + from + " is not before its end " + to);
        }
        if (symbols.isEmpty() || timeframes.isEmpty()) {
            throw new IllegalArgumentException("a load needs at least one symbol and one timeframe");
        }
    }

    public JobParameters toJobParameters() {
        var builder = new JobParametersBuilder()
                .addString("requestId", requestId)
                .addString("symbols", String.join(",", symbols), false)
                .addString("timeframes", String.join(",", timeframes.stream().map(Timeframe::code).toList()), false)
                .addString("from", from.toString(), false)
                .addString("to", to.toString(), false)
                .addString("source", source, false);
        if (file != null) {
            builder.addString("file", file, false);
        }
        return builder.toJobParameters();
    }

    public static LoadParameters of(JobParameters parameters) {
        return new LoadParameters(parameters.getString("requestId"),
                split(parameters.getString("symbols")),
                split(parameters.getString("timeframes")).stream().map(Timeframe::fromCode).toList(),
                Instant.parse(parameters.getString("from")), Instant.parse(parameters.getString("to")),
                parameters.getString("source"), parameters.getString("file"));
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
