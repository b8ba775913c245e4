package dev.alknet.bench.flow;

import dev.alknet.flowgraph.CallEvent;
import dev.alknet.flowgraph.CallGraph;
import dev.alknet.flowgraph.EventResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Call events applied on one thread: {@value #EVENTS} events (1,000 trees of 10 nested calls, each requested,
 * started and answered) into a fresh graph per invocation, default retention. Target (issue 7): ≥ 200,000
 * events/s. Anchor: {@link HashMapCallTracker} on the same events, so the cost of the graph library is visible.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CallGraphBench {

    static final int EVENTS = 30_000;

    private final List<CallEvent> events = FlowWorkload.events(EVENTS / 30);

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int callGraph() {
        CallGraph graph = CallGraph.create();
        for (CallEvent event : events) {
            if (graph.apply(event) instanceof EventResult.Rejected rejected) {
                throw new IllegalStateException(rejected.reason());
            }
        }
        return graph.size();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int hashMapTracker() {
        HashMapCallTracker tracker = new HashMapCallTracker();
        for (CallEvent event : events) {
            if (!tracker.apply(event)) {
                throw new IllegalStateException("tracker rejected " + event);
            }
        }
        return tracker.size();
    }
}
