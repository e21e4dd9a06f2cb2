package io.mdw.batch.load;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.mdw.text.ControlCharacters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;

/**
 * A line per partition when it starts, every few seconds while it runs, and when it ends. Logged under
 * "mdw.progress", which the CLI prints bare on the console.
 */
public class PartitionProgressListener implements StepExecutionListener, ChunkListener<Object, Object>, Ordered {

    private static final Logger progress = LoggerFactory.getLogger("mdw.progress");
    private static final Duration EVERY = Duration.ofSeconds(5);
    /** What a load that completed without a bar most likely means, as a typo such as APPL looks like success. */
    private static final String NOTHING_FROM_THE_PROVIDER = "the provider has no bars of it in this window (a mistyped"
            + " ticker, or no trading then?)";

    private StepExecution step;
    private String series;
    private Instant lastPrinted;

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
        SeriesWindow window = SeriesWindowContext.fromContext(stepExecution.getExecutionContext());
        series = label(window);
        lastPrinted = Instant.now();
        progress.info("{} loading {}", series, describeWindow(window.from(), window.to()));
    }

    /** The partition's series as its lines start, in columns. */
    static String label(SeriesWindow window) {
        return "%-12s %-3s".formatted(window.symbol(), window.timeframe().code());
    }

    /** First to start and last to end: its lines frame what the step's other listeners do, and wait for. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * A window as the user gave it: whole UTC days as their first and last day, both included ("2024-01-01 ..
     * 2024-01-31"), else its instants with the end marked excluded.
     */
    static String describeWindow(Instant from, Instant to) {
        if (isMidnightUtc(from) && isMidnightUtc(to)) {
            return LocalDate.ofInstant(from, ZoneOffset.UTC) + " .. " + LocalDate.ofInstant(to, ZoneOffset.UTC)
                    .minusDays(1);
        }
        return from + " .. " + to + " (excluded)";
    }

    private static boolean isMidnightUtc(Instant instant) {
        return instant.equals(instant.truncatedTo(ChronoUnit.DAYS));
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        if (Duration.between(lastPrinted, Instant.now()).compareTo(EVERY) >= 0) {
            lastPrinted = Instant.now();
            progress.info("{} {}", series, describe(LoadCounters.of(step.getExecutionContext())));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        Duration took = Duration.between(stepExecution.getStartTime(), java.time.LocalDateTime.now());
        String outcome = stepExecution.getStatus() + " in "
                + String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0) + " s";
        LoadCounters counters = LoadCounters.of(stepExecution.getExecutionContext());
        if (!stepExecution.getFailureExceptions().isEmpty()) {
            outcome += ": " + rootMessage(stepExecution.getFailureExceptions().get(0));
        } else if (stepExecution.getStatus() == BatchStatus.COMPLETED && nothingRead(counters)
                && LoadJobParameters.request(stepExecution.getJobParameters()).file() == null) {
            outcome += ": " + NOTHING_FROM_THE_PROVIDER;
        }
        progress.info("{} {}  [{}]", series, describe(counters), outcome);
        return null;
    }

    private static boolean nothingRead(LoadCounters counters) {
        return counters.stored() + counters.rejected() + counters.skipped() == 0;
    }

    static String describe(LoadCounters counters) {
        return "stored %d  rejected %d  validated %s  gaps %d".formatted(counters.stored(), counters.rejected(),
                counters.validatedShare(), counters.gaps())
                + (counters.skipped() == 0 ? "" : "  skipped %d outside the window".formatted(counters.skipped()))
                + (counters.withdrawn() == 0 ? "" : "  withdrawn %d".formatted(counters.withdrawn()));
    }

    /**
     * The root cause's message, its first line (PostgreSQL's errors go on with a "Where:" line, for the logs), control
     * characters escaped: it is printed on a terminal.
     */
    static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return ControlCharacters.escape(message.lines().findFirst().orElse(message));
    }
}
