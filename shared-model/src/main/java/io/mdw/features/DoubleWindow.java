package io.mdw.features;

/**
 * The last {@code capacity} values of a series in a ring of primitives. Statistics are recomputed over the
 * window, oldest value first, so the same window always yields bit-identical results (no drifting running sums).
 */
final class DoubleWindow {

    private final double[] values;
    private int size;
    private int next;

    DoubleWindow(int capacity) {
        values = new double[capacity];
    }

    void push(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        if (size < values.length) {
            size++;
        }
    }

    int size() {
        return size;
    }

    /** The i-th of the last n values, oldest first. */
    private double recent(int n, int i) {
        int index = next - n + i;
        return values[index < 0 ? index + values.length : index];
    }

    double mean(int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += recent(n, i);
        }
        return sum / n;
    }

    double max(int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, recent(n, i));
        }
        return max;
    }

    double min(int n) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, recent(n, i));
        }
        return min;
    }

    /** Σ (x − mean)² over the last n values (the second pass of a two-pass variance). */
    double squaredDeviations(int n, double mean) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double deviation = recent(n, i) - mean;
            sum += deviation * deviation;
        }
        return sum;
    }

    double sampleStdDev(int n) {
        return Math.sqrt(squaredDeviations(n, mean(n)) / (n - 1));
    }

    /** Mean of the positive (sign = 1) or negated negative (sign = −1) changes between consecutive values. */
    double meanChange(int changes, int sign) {
        double sum = 0;
        for (int i = 1; i <= changes; i++) {
            double change = sign * (recent(changes + 1, i) - recent(changes + 1, i - 1));
            sum += Math.max(change, 0);
        }
        return sum / changes;
    }
}
