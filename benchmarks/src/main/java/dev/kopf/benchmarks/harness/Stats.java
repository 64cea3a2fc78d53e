package dev.kopf.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Medians, percentiles and ratios over measurements; {@code NaN} stands for "not measured". */
final class Stats {

    private Stats() {
    }

    /** The median of the measured values (NaN ignored); NaN if none. */
    static double median(Collection<Double> values) {
        List<Double> sorted = measured(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of the
     * values at or below it; NaN if none.
     */
    static double percentile(Collection<Double> values, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("p must be in (0, 100]: " + p);
        }
        List<Double> sorted = measured(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** {@code a / b}, or NaN when either is not measured or {@code b} is zero. */
    static double ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return Double.NaN;
        }
        return a / b;
    }

    private static List<Double> measured(Collection<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double value : values) {
            if (value != null && !value.isNaN()) {
                sorted.add(value);
            }
        }
        sorted.sort(null);
        return sorted;
    }
}
