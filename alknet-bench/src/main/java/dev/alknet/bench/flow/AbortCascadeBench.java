package dev.alknet.bench.flow;

import dev.alknet.flowgraph.CallEvent;
import dev.alknet.flowgraph.CallGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aborting the root of a running tree with {@value #DESCENDANTS} running descendants (fan-out 10, four levels).
 * Target (issue 7): < 20 ms. Anchor: {@link HashMapCallTracker}'s breadth-first cascade over child lists. Each
 * invocation gets a freshly built tree (setup not measured).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class AbortCascadeBench {

    static final int FAN_OUT = 10;
    static final int DESCENDANTS = FAN_OUT + FAN_OUT * FAN_OUT + FAN_OUT * FAN_OUT * FAN_OUT
            + FAN_OUT * FAN_OUT * FAN_OUT * FAN_OUT;

    private CallGraph graph;
    private HashMapCallTracker tracker;

    @Setup(Level.Invocation)
    public void buildTree() {
        graph = CallGraph.create();
        tracker = new HashMapCallTracker();
        List<String> level = List.of("root");
        start("root", null);
        for (int depth = 0; depth < 4; depth++) {
            List<String> next = new ArrayList<>(level.size() * FAN_OUT);
            for (String parent : level) {
                for (int i = 0; i < FAN_OUT; i++) {
                    String child = parent + "." + i;
                    start(child, parent);
                    next.add(child);
                }
            }
            level = next;
        }
    }

    private void start(String id, String parent) {
        CallEvent.Requested requested = new CallEvent.Requested(id, "/dev1/work/step", null, parent, null, false);
        graph.add(requested);
        graph.start(id);
        tracker.apply(requested);
        tracker.apply(new CallEvent.Started(id));
    }

    @Benchmark
    public int callGraph() {
        return check(graph.abort("root").size());
    }

    @Benchmark
    public int hashMapTracker() {
        return check(tracker.abort("root").size());
    }

    private static int check(int aborted) {
        if (aborted != DESCENDANTS + 1) {
            throw new IllegalStateException("aborted " + aborted + " calls, expected " + (DESCENDANTS + 1));
        }
        return aborted;
    }
}
