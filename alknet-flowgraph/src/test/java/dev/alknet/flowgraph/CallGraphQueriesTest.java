package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.CallGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallGraphQueriesTest {

    private final TestClock clock = new TestClock();
    private final CallGraph graph = CallGraph.builder().clock(clock).build();

    /**
     * r (100 ms) triggered a (40 ms) and b (80 ms); a triggered c (20 ms); b triggered d (still running); e depends
     * on c and failed; x is another root.
     */
    @BeforeEach
    void tree() {
        for (String[] call : new String[][] {{"r", null}, {"a", "r"}, {"b", "r"}, {"c", "a"}, {"d", "b"}, {"e", "a"},
                {"x", null}}) {
            graph.add(request(call[0], call[1]));
        }
        graph.dependsOn("e", "c");
        graph.start("r");
        clock.advanceMillis(10);
        graph.start("a");
        graph.start("b");
        clock.advanceMillis(10);
        graph.start("c");
        graph.start("d");
        clock.advanceMillis(20);
        graph.complete("c", null);
        graph.start("e");
        clock.advanceMillis(10);
        graph.complete("a", null);
        graph.fail("e", new CallErrorInfo("EXECUTION_ERROR", "boom"));
        clock.advanceMillis(40);
        graph.complete("b", null);
        clock.advanceMillis(10);
        graph.complete("r", null);
    }

    @Test
    void structure() {
        assertThat(graph.roots()).extracting(CallNode::requestId).containsExactly("r", "x");
        assertThat(graph.children("r")).extracting(CallNode::requestId).containsExactly("a", "b");
        assertThat(graph.children("c")).isEmpty();
        assertThat(graph.descendants("a")).extracting(CallNode::requestId).containsExactly("c", "e");
        assertThat(graph.ancestors("e")).extracting(CallNode::requestId).containsExactly("r", "a", "c");
        assertThat(graph.lineage("e")).extracting(CallNode::requestId).containsExactly("r", "a", "e");
        assertThat(graph.lineage("x")).extracting(CallNode::requestId).containsExactly("x");
    }

    @Test
    void topologicalOrderPutsEveryEdgeForward() {
        var order = graph.topologicalOrder();
        assertThat(order).hasSize(7);
        for (CallEdge edge : graph.edges()) {
            assertThat(order.indexOf(edge.source())).isLessThan(order.indexOf(edge.target()));
        }
    }

    @Test
    void filters() {
        assertThat(graph.withStatus(CallStatus.RUNNING)).extracting(CallNode::requestId).containsExactly("d");
        assertThat(graph.withStatus(CallStatus.PENDING)).extracting(CallNode::requestId).containsExactly("x");
        assertThat(graph.withDuration(Duration.ofMillis(30), Duration.ofMillis(80)))
                .extracting(CallNode::requestId).containsExactly("b", "a");
    }

    @Test
    void criticalPathIsTheLongestCompletedChain() {
        CriticalPath path = graph.criticalPath();
        assertThat(path.calls()).extracting(CallNode::requestId).containsExactly("r", "b");
        assertThat(path.total()).isEqualTo(Duration.ofMillis(180));
        assertThat(CallGraph.create().criticalPath()).isEqualTo(new CriticalPath(java.util.List.of(), Duration.ZERO));
    }
}
