package io.mdw.batch.load;

import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadRequestFields;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A load request as the job's parameters. Only the request id identifies the job instance, so a failed request is
 * restarted under the same id, and every execution can be traced to the request that caused it.
 */
public final class LoadJobParameters {

    private LoadJobParameters() {
    }

    public static JobParameters of(LoadRequest request) {
        JobParametersBuilder parameters = new JobParametersBuilder();
        LoadRequestFields.encode(request).forEach((name, value) ->
                parameters.addString(name, value, name.equals(LoadRequestFields.REQUEST_ID)));
        return parameters.toJobParameters();
    }

    /** The parameters that identify a request's job instance. */
    public static JobParameters identifying(String requestId) {
        return new JobParametersBuilder().addString(LoadRequestFields.REQUEST_ID, requestId).toJobParameters();
    }

    public static LoadRequest request(JobParameters parameters) {
        return LoadRequestFields.decode(parameters::getString);
    }
}
