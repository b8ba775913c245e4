package dev.alknet.bench;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Looks up primary scores of one JMH run by method name, parameters and mode (a benchmark may run in several modes,
 * e.g. throughput and sample time).
 */
public final class Results {

    private final Collection<RunResult> runs;

    Results(Collection<RunResult> runs) {
        this.runs = runs;
    }

    /** The throughput score of the only run of {@code method} (simple name), in its own unit. */
    public double throughput(String method) {
        return find(method, "", Mode.Throughput).getScore();
    }

    /** The throughput of {@code method} in operations per second, whatever its output time unit. */
    public double perSecond(String method) {
        Result<?> result = find(method, "", Mode.Throughput);
        return result.getScore() / toNanos(result.getScoreUnit(), result.getScoreUnit().indexOf('/') + 1)
                * TimeUnit.SECONDS.toNanos(1);
    }

    /** A percentile (0-100) of the sampled times of {@code method}, in its own unit. */
    public double percentile(String method, double percentile) {
        return find(method, "", Mode.SampleTime).getStatistics().getPercentile(percentile);
    }

    /** The average time of {@code method} with {@code params} ("rules=1000") in microseconds. */
    public double microseconds(String method, String params) {
        Result<?> result = find(method, params, Mode.AverageTime);
        return result.getScore() * toNanos(result.getScoreUnit(), 0) / 1_000.0;
    }

    /** Nanoseconds in the time unit that starts at {@code from} in a JMH unit such as "us/op" or "ops/ms". */
    private static long toNanos(String unit, int from) {
        int end = unit.indexOf('/', from);
        TimeUnit timeUnit = switch (unit.substring(from, end < 0 ? unit.length() : end)) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
        return timeUnit.toNanos(1);
    }

    private Result<?> find(String method, String params, Mode mode) {
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            if (name.endsWith("." + method) && run.getParams().getMode() == mode && matches(run, params)) {
                return run.getPrimaryResult();
            }
        }
        throw new IllegalStateException("no " + mode + " result for " + method + " " + params);
    }

    private static boolean matches(RunResult run, String params) {
        if (params.isEmpty()) {
            return true;
        }
        for (String pair : params.split(",")) {
            String[] kv = pair.split("=", 2);
            if (!kv[1].equals(run.getParams().getParam(kv[0]))) {
                return false;
            }
        }
        return true;
    }
}
