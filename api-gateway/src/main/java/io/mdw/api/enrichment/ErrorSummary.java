package io.mdw.api.enrichment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Batch stores a failure as a whole stack trace in the exit message; users get its root cause's message.
 */
final class ErrorSummary {

    private static final int MAX_LENGTH = 500;
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^(?:Caused by: )?[\\w.$]+(?:Exception|Error): (.*)$");
    private static final String NESTED = "threw exception with message: ";
    /** What Spring Batch stores for a step stopped on request: here, by its node shutting down. */
    private static final String INTERRUPTED = "org.springframework.batch.core.job.JobInterruptedException";

    private ErrorSummary() {
    }

    static String of(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return null;
        }
        if (exitMessage.strip().equals(INTERRUPTED)) {
            return "stopped before it finished, as its node shut down; a restart resumes it";
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
