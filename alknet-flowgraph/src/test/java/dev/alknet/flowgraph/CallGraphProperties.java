package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.CallGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CallGraphProperties {

    @Provide
    Arbitrary<List<CallEvent>> events() {
        Arbitrary<String> ids = Arbitraries.of("a", "b", "c", "d", "e", "f");
        Arbitrary<CallEvent> event = Arbitraries.oneOf(
                Combinators.combine(ids, Arbitraries.of("a", "b", "c", "d", "e", "f", "none")).as((id, parent) ->
                        request(id, parent.equals("none") ? null : parent).withCaller(null, id.equals("f"))),
                ids.map(CallEvent.Started::new), ids.map(id -> new CallEvent.Responded(id, null)),
                ids.map(CallEvent.Completed::new), ids.map(CallEvent.Aborted::new),
                ids.map(id -> new CallEvent.Error(id, new CallErrorInfo("TIMEOUT", "late"))));
        return event.list().ofMaxSize(40);
    }

    /** Whatever events arrive in whatever order, apply never throws and the graph stays a consistent DAG. */
    @Property
    void anyEventSequenceKeepsTheGraphConsistent(@ForAll("events") List<CallEvent> events) {
        CallGraph graph = CallGraph.create();
        for (CallEvent event : events) {
            CallNode before = graph.call(event.requestId()).orElse(null);
            EventResult result = graph.apply(event);
            if (result instanceof EventResult.Rejected rejected) {
                assertThat(rejected.reason()).isNotBlank();
                assertThat(graph.call(event.requestId()).orElse(null)).isEqualTo(before);
            }
        }
        List<String> order = graph.topologicalOrder();
        assertThat(order).hasSize(graph.size());
        for (CallEdge edge : graph.edges()) {
            assertThat(order.indexOf(edge.source())).isLessThan(order.indexOf(edge.target()));
        }
        for (CallNode call : graph.calls()) {
            assertThat(call.endedAt() != null).isEqualTo(call.status().isTerminal());
            assertThat(call.startedAt() != null || call.status() == CallStatus.PENDING
                    || call.status() == CallStatus.ABORTED).isTrue();
        }
    }

    /**
     * A random DAG of calls in random states and policies; aborting one leaves no pending or running descendant when its policy is abort-dependents, touches nothing
     * else, and returns exactly the calls it aborted, upstream first.
     */
    @Property
    void theAbortCascadeReachesEveryLiveDescendantAndNothingElse(@ForAll @IntRange(min = 1, max = 60) int size,
            @ForAll long seed) {
        Random random = new Random(seed);
        CallGraph graph = randomGraph(CallGraph.create(), size, random);
        List<CallNode> live = graph.calls().stream().filter(c -> !c.status().isTerminal()).toList();
        if (live.isEmpty()) {
            return;
        }
        CallNode target = live.get(random.nextInt(live.size()));
        Set<String> descendants = new HashSet<>();
        graph.descendants(target.requestId()).forEach(c -> descendants.add(c.requestId()));
        Map<String, CallStatus> before = new HashMap<>();
        graph.calls().forEach(c -> before.put(c.requestId(), c.status()));

        List<String> aborted = graph.abort(target.requestId());

        assertThat(aborted.get(0)).isEqualTo(target.requestId());
        for (CallNode call : graph.calls()) {
            String id = call.requestId();
            boolean changed = call.status() != before.get(id);
            assertThat(changed).as(id).isEqualTo(aborted.contains(id));
            if (!id.equals(target.requestId()) && !descendants.contains(id)) {
                assertThat(changed).as("non-descendant %s untouched", id).isFalse();
            }
            if (descendants.contains(id) && target.abortPolicy() == AbortPolicy.ABORT_DEPENDENTS) {
                assertThat(call.status().isTerminal()).as("descendant %s ended", id).isTrue();
            }
        }
        for (CallEdge edge : graph.edges()) {
            if (aborted.contains(edge.source()) && aborted.contains(edge.target())) {
                assertThat(aborted.indexOf(edge.source())).isLessThan(aborted.indexOf(edge.target()));
            }
        }
    }

    /**
     * Retention never evicts a call whose tree still has a pending or running call, and with no room for finished
     * trees it evicts all the others.
     */
    @Property
    void retentionEvictsExactlyTheFinishedTrees(@ForAll @IntRange(min = 1, max = 60) int size, @ForAll long seed) {
        TestClock clock = new TestClock();
        CallGraph graph = randomGraph(CallGraph.builder().clock(clock).retention(new Retention(Duration.ZERO, 0))
                .build(), size, new Random(seed));
        CallGraphSnapshot before = graph.snapshot();
        Set<String> live = new HashSet<>();
        for (CallNode call : before.calls()) {
            if (treeIsLive(before, call.requestId())) {
                live.add(call.requestId());
            }
        }
        clock.advanceMillis(1);

        int evicted = graph.evictFinished();

        assertThat(graph.calls()).extracting(CallNode::requestId).containsExactlyInAnyOrderElementsOf(live);
        assertThat(evicted).isEqualTo(before.calls().size() - live.size());
    }

    /** Whether the calls connected to {@code requestId} (either direction) include a pending or running one. */
    private static boolean treeIsLive(CallGraphSnapshot graph, String requestId) {
        Map<String, CallStatus> status = new HashMap<>();
        graph.calls().forEach(c -> status.put(c.requestId(), c.status()));
        Set<String> seen = new HashSet<>(Set.of(requestId));
        List<String> queue = new ArrayList<>(List.of(requestId));
        for (int i = 0; i < queue.size(); i++) {
            String id = queue.get(i);
            if (!status.get(id).isTerminal()) {
                return true;
            }
            for (CallEdge edge : graph.edges()) {
                String other = edge.source().equals(id) ? edge.target() : edge.target().equals(id) ? edge.source()
                        : null;
                if (other != null && seen.add(other)) {
                    queue.add(other);
                }
            }
        }
        return false;
    }

    /**
     * {@code size} calls, parents and dependencies pointing at earlier calls (so always a DAG), in random statuses
     * and policies.
     */
    static CallGraph randomGraph(CallGraph graph, int size, Random random) {
        for (int i = 0; i < size; i++) {
            String parent = i > 0 && random.nextInt(4) > 0 ? "c" + random.nextInt(i) : null;
            graph.add(request("c" + i, parent));
            if (i > 1 && random.nextInt(5) == 0) {
                graph.dependsOn("c" + i, "c" + random.nextInt(i));
            }
            if (random.nextInt(5) == 0) {
                graph.abortPolicy("c" + i, AbortPolicy.CONTINUE_RUNNING);
            }
            switch (random.nextInt(5)) {
                case 0 -> { }
                case 1 -> graph.start("c" + i);
                case 2 -> {
                    graph.start("c" + i);
                    graph.complete("c" + i, null);
                }
                case 3 -> {
                    graph.start("c" + i);
                    graph.fail("c" + i, new CallErrorInfo("EXECUTION_ERROR", "x"));
                }
                default -> graph.start("c" + i);
            }
        }
        return graph;
    }
}
