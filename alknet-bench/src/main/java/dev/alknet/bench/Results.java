package dev.alknet.bench;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Looks up primary scores of one JMH run by method name and parameters. */
public final class Results {

    private final Collection<RunResult> runs;

    Results(Collection<RunResult> runs) {
        this.runs = runs;
    }

    /** The score of the only run of {@code method} (simple name), whatever its unit. */
    public double score(String method) {
        return find(method, "").getScore();
    }

    /** The average time of {@code method} with {@code params} ("rules=1000") in microseconds. */
    public double microseconds(String method, String params) {
        Result<?> result = find(method, params);
        String unit = result.getScoreUnit();
        TimeUnit from = switch (unit.substring(0, unit.indexOf('/'))) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
        return result.getScore() * from.toNanos(1) / 1_000.0;
    }

    private Result<?> find(String method, String params) {
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            if (name.endsWith("." + method) && matches(run, params)) {
                return run.getPrimaryResult();
            }
        }
        throw new IllegalStateException("no result for " + method + " " + params);
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
