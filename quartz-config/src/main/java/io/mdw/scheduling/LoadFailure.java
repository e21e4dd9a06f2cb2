package io.mdw.scheduling;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a load or one of its partitions did not complete, in one line and one wording wherever it is shown: the batch
 * node's log and its job's exit message, {@code mdw jobs}, {@code mdw backfill}'s last line and the API.
 */
public final class LoadFailure {

    /** A run stopped on request, which only its process shutting down asks for. */
    public static final String STOPPED_BY_SHUTDOWN =
            "stopped before it finished, as its process shut down; it goes on from its last committed chunk when a batch"
                    + " node runs it again (./mdw up or ./mdw node: a queued load), or on ./mdw restart (a command-line load)";

    private static final int MAX_LENGTH = 500;
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^(?:Caused by: )?[\\w.$]+(?:Exception|Error): (.*)$");
    private static final String NESTED = "threw exception with message: ";
    /** What Spring Batch stores as the exit message of a step stopped on request. */
    private static final String INTERRUPTED = "org.springframework.batch.core.job.JobInterruptedException";

    private LoadFailure() {
    }

    /** A load failed by one of its partitions: which series, and why ("X:ETHUSD@5m: HTTP 503 …"). */
    public static String ofPartition(PartitionName partition, String cause) {
        return partition.key() + ": " + cause;
    }

    /**
     * A load failed while its series' stored bars after those it loaded were gone over again ("X:ETHUSD@5m, the
     * stored bars after those loaded: …"): its bars are stored, the flags and features after them may not be renewed.
     */
    public static String ofFollowingBars(String seriesKey, String cause) {
        return seriesKey + ", the stored bars after those loaded: " + cause;
    }

    /**
     * A stored exit message in one line: Spring Batch stores a failure as a whole stack trace, users get its root
     * cause's message; a message of one line stays as it is. Null when there is none.
     */
    public static String summary(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return null;
        }
        if (exitMessage.strip().equals(INTERRUPTED)) {
            return STOPPED_BY_SHUTDOWN;
        }
        String[] lines = exitMessage.strip().split("\\R");
        String line = lines[0];
        for (String candidate : lines) {
            if (candidate.startsWith("Caused by: ")) {
                line = candidate;
            }
        }
        Matcher exception = EXCEPTION_LINE.matcher(line.strip());
        String message = exception.matches() ? exception.group(1) : line.strip();
        int nested = message.lastIndexOf(NESTED);
        if (nested >= 0) {
            message = message.substring(nested + NESTED.length());
        }
        return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH) + "…";
    }
}
