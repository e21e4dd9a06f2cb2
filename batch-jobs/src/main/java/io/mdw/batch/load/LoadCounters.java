package io.mdw.batch.load;

import java.util.List;
import java.util.Locale;

import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.Rejected;
import io.mdw.scheduling.LoadJobRunner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a partition stored, kept in its step execution context: bars stored, rejected, validated, gaps flagged, the
 * bars of a file skipped as outside the window, and the stored bars withdrawn because the provider's answer no longer
 * holds them.
 */
public record LoadCounters(long stored, long rejected, long validated, long gaps, long skipped, long withdrawn) {

    private static final String STORED = LoadJobRunner.BARS_STORED;
    private static final String REJECTED = LoadJobRunner.ITEMS_REJECTED;
    private static final String VALIDATED = "load.validated";
    private static final String GAPS = "load.gaps";
    private static final String SKIPPED = LoadJobRunner.BARS_SKIPPED;
    private static final String WITHDRAWN = LoadJobRunner.BARS_WITHDRAWN;

    public static final LoadCounters NONE = new LoadCounters(0, 0, 0, 0, 0, 0);

    static void add(ExecutionContext context, List<Accepted> accepted, List<Rejected> rejected, int withdrawn) {
        long validated = accepted.stream().filter(a -> a.assessment().validated()).count();
        long gaps = accepted.stream().filter(a -> a.assessment().missingBars() > 0).count();
        context.putLong(STORED, context.getLong(STORED, 0) + accepted.size());
        context.putLong(REJECTED, context.getLong(REJECTED, 0) + rejected.size());
        context.putLong(VALIDATED, context.getLong(VALIDATED, 0) + validated);
        context.putLong(GAPS, context.getLong(GAPS, 0) + gaps);
        context.putLong(WITHDRAWN, context.getLong(WITHDRAWN, 0) + withdrawn);
    }

    /** Skipped bars never reach the writer: the processor, which skips them, keeps their count. */
    static void putSkipped(ExecutionContext context, long skipped) {
        context.putLong(SKIPPED, skipped);
    }

    public static LoadCounters of(ExecutionContext context) {
        return new LoadCounters(context.getLong(STORED, 0), context.getLong(REJECTED, 0),
                context.getLong(VALIDATED, 0), context.getLong(GAPS, 0), context.getLong(SKIPPED, 0),
                context.getLong(WITHDRAWN, 0));
    }

    public LoadCounters plus(LoadCounters other) {
        return new LoadCounters(stored + other.stored, rejected + other.rejected, validated + other.validated,
                gaps + other.gaps, skipped + other.skipped, withdrawn + other.withdrawn);
    }

    /** The share of stored bars that validated, as printed: "97.5%", or "n/a" when none were stored. */
    public String validatedShare() {
        return stored == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * validated / stored);
    }
}
