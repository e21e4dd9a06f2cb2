package io.mdw.scheduling;

import java.util.Optional;

import io.mdw.market.Timeframe;

/**
 * One partition of a load, a (symbol, timeframe) series, by the names Spring Batch keeps it under: the partition
 * "X:ETHUSD@5m", run as the step execution "loadSeries:X:ETHUSD@5m". Built and read here only, so that the batch node
 * that names the partitions and whoever reads them back ({@code mdw jobs}, the API) agree.
 */
public record PartitionName(String symbol, Timeframe timeframe) {

    /** Spring Batch names a partition's step execution after the partitioned step, a colon and the partition. */
    public static final String STEP_PREFIX = LoadJobRunner.PARTITION_STEP + ":";
    /** Before the timeframe code: the last one in a name, as a symbol may hold one too. */
    private static final char SEPARATOR = '@';

    /** The partition's name, as the partitioner gives it. */
    public String key() {
        return symbol + SEPARATOR + timeframe.code();
    }

    /** True for the step executions of partitions, not of the job's other steps. */
    public static boolean isStep(String stepName) {
        return stepName.startsWith(STEP_PREFIX);
    }

    /** The partition a step execution ran, or empty for another step. */
    public static Optional<PartitionName> ofStep(String stepName) {
        if (!isStep(stepName)) {
            return Optional.empty();
        }
        int separator = stepName.lastIndexOf(SEPARATOR);
        return Optional.of(new PartitionName(stepName.substring(STEP_PREFIX.length(), separator),
                Timeframe.fromCode(stepName.substring(separator + 1))));
    }

    /** What the step executions of a symbol's partitions, of any timeframe, are named starting with. */
    public static String stepPrefixOf(String symbol) {
        return STEP_PREFIX + symbol + SEPARATOR;
    }
}
