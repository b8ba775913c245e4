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
                r -> r.throughput(measured) / r.throughput(anchor), Bound.AT_LEAST, minRatio, "x");
    }

    /**
     * Measured/anchor ratio of a latency percentile (both from {@code Mode.SampleTime} in the same run), e.g.
     * "p99 ≤ 1.0x gRPC's".
     */
    public static Target percentileRatioAtMost(Class<?> benchmarkClass, String description, String measured,
            String anchor, double percentile, double maxRatio) {
        return new Target(benchmarkClass, description,
                r -> r.percentile(measured, percentile) / r.percentile(anchor, percentile), Bound.AT_MOST, maxRatio,
                "x");
    }

    /** A percentile (0-100) of sampled times, in the benchmark's own output unit, that must stay under a bound. */
    public static Target percentileAtMost(Class<?> benchmarkClass, String description, String benchmark,
            double percentile, double max, String unit) {
        return new Target(benchmarkClass, description, r -> r.percentile(benchmark, percentile), Bound.AT_MOST, max,
                unit);
    }

    /** An absolute throughput bound in operations per second, where the issue states one. */
    public static Target perSecondAtLeast(Class<?> benchmarkClass, String description, String benchmark,
            double minPerSecond, String unit) {
        return new Target(benchmarkClass, description, r -> r.perSecond(benchmark), Bound.AT_LEAST, minPerSecond,
                unit);
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
