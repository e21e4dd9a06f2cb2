package io.mdw.api.errors;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with a detail that tells the caller what to change. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String existingJobId;

    private ApiProblem(HttpStatus status, String detail, String existingJobId) {
        super(detail, null, false, false);
        this.status = status;
        this.existingJobId = existingJobId;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail, null);
    }

    public static ApiProblem notAcceptable(String detail) {
        return new ApiProblem(HttpStatus.NOT_ACCEPTABLE, detail, null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail, null);
    }

    /**
     * A load refused because another job, queued or running, already loads some of its series: the caller gets its id.
     *
     * @param whatNext what the caller can do instead, e.g. "trigger the rest without those series or once it has ended"
     */
    public static ApiProblem seriesAlreadyLoading(String jobId, String sharedSeries, String whatNext) {
        return new ApiProblem(HttpStatus.CONFLICT, "Job " + jobId + ", queued or running, already loads " + sharedSeries
                + " of this request, so nothing was queued; follow it at /api/v1/enrichment/jobs/" + jobId
                + ", and " + whatNext, jobId);
    }

    /** A restart of a job that is already queued or running. */
    public static ApiProblem jobAlreadyActive(String jobId) {
        return new ApiProblem(HttpStatus.CONFLICT,
                "The same load is already queued or running as job " + jobId
                        + "; follow it at /api/v1/enrichment/jobs/" + jobId, jobId);
    }

    /** A request whose body did not arrive in full within the server's limit (io.mdw.api.web.RequestBodyDeadline). */
    public static ApiProblem requestBodyTooSlow(Duration limit) {
        String text = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        return new ApiProblem(HttpStatus.REQUEST_TIMEOUT, "The request body did not arrive in time: this server waits"
                + " at most " + text + " from a request's headers for its whole body; send the body without pauses",
                null);
    }

    /** Whether this failure is that of a body that did not arrive in time ({@link #requestBodyTooSlow}). */
    public static boolean isRequestBodyTooSlow(Throwable failure) {
        return failure instanceof ApiProblem problem && problem.status == HttpStatus.REQUEST_TIMEOUT;
    }

    public HttpStatus status() {
        return status;
    }

    public String existingJobId() {
        return existingJobId;
    }
}
