package dev.alknet.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks that carry a speed target and checks each target against the anchor measured in the same
 * run. Exit status 0 = every target met, 1 = at least one missed.
 *
 * <p>Usage: {@code java -jar alknet-bench/target/benchmarks.jar [--quick] [regex]}. {@code --quick} runs short
 * iterations (a smoke check, wide error); the figures in docs/benchmarks.md come from the default settings.
 */
public final class Targets {

    private Targets() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        String include = ".*";
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                include = arg;
            }
        }
        String pattern = ".*(" + include + ").*";
        List<Target> targets = TargetCatalog.all().stream()
                .filter(t -> t.benchmarkClass().getName().matches(pattern))
                .toList();
        if (targets.isEmpty()) {
            System.err.println("no benchmark with a target matches '" + include + "'");
            System.exit(2);
        }
        List<String> lines = new ArrayList<>();
        boolean allMet = true;
        for (Class<?> benchmark : targets.stream().map(Target::benchmarkClass).distinct().toList()) {
            Collection<RunResult> results = new Runner(options(benchmark, quick).build()).run();
            Results found = new Results(results);
            for (Target target : targets) {
                if (target.benchmarkClass() == benchmark) {
                    Target.Outcome outcome = target.evaluate(found);
                    allMet &= outcome.met();
                    lines.add(String.format(Locale.ROOT, "%-4s %-60s %s", outcome.met() ? "MET" : "MISS",
                            target.description(), outcome.detail()));
                }
            }
        }
        System.out.println();
        System.out.println("Targets (ratios against the anchor measured in this run):");
        lines.forEach(System.out::println);
        System.exit(allMet ? 0 : 1);
    }

    private static ChainedOptionsBuilder options(Class<?> benchmark, boolean quick) {
        ChainedOptionsBuilder builder = new OptionsBuilder().include(benchmark.getName() + "\\.");
        if (quick) {
            builder.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        return builder;
    }
}
