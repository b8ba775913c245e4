package dev.alknet.bench;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A speed target: how to compute a figure from one run's results, and the bound it must meet. */
public record Target(Class<?> benchmarkClass, String description, ToDoubleFunction<Results> figure,
        Bound bound, double limit, String unit) {

    public enum Bound { AT_LEAST, AT_MOST }

    public record Outcome(boolean met, String detail) {}

    /** Measured/anchor throughput ratio, e.g. "decode ≥ 0.8x Jackson readTree". */
    public static Target ratioAtLeast(Class<?> benchmarkClass, String description, String measured, String anchor,
            double minRatio) {
        return new Target(benchmarkClass, description,
                r -> r.score(measured) / r.score(anchor), Bound.AT_LEAST, minRatio, "x");
    }

    /** An average time in microseconds that must stay under a bound. */
    public static Target microsAtMost(Class<?> benchmarkClass, String description, String benchmark, String params,
            double maxMicros) {
        return new Target(benchmarkClass, description, r -> r.microseconds(benchmark, params), Bound.AT_MOST,
                maxMicros, "µs");
    }

    Outcome evaluate(Results results) {
        double value = figure.applyAsDouble(results);
        boolean met = bound == Bound.AT_LEAST ? value >= limit : value <= limit;
        return new Outcome(met, String.format(Locale.ROOT, "%.3f %s (%s %.3f)", value, unit,
                bound == Bound.AT_LEAST ? "≥" : "≤", limit));
    }
}
