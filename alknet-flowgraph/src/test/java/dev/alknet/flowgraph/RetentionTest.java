package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.CallGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private final TestClock clock = new TestClock();

    private CallGraph graph(Duration maxAge, int maxTrees) {
        return CallGraph.builder().clock(clock).retention(new Retention(maxAge, maxTrees)).build();
    }

    private static void finish(CallGraph graph, String id) {
        graph.start(id);
        graph.complete(id, null);
    }

    @Test
    void finishedTreesAreEvictedOnceOlderThanMaxAgeLiveOnesAreKept() {
        CallGraph graph = graph(Duration.ofMinutes(5), 100);
        graph.add(request("done", null));
        graph.add(request("done.child", "done"));
        finish(graph, "done");
        finish(graph, "done.child");
        graph.add(request("live", null));
        graph.add(request("live.child", "live"));
        finish(graph, "live");                         // its child still runs: the tree is not finished
        graph.start("live.child");

        clock.advance(Duration.ofMinutes(4));
        assertThat(graph.evictFinished()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(graph.evictFinished()).isEqualTo(2);
        assertThat(graph.calls()).extracting(CallNode::requestId).containsExactly("live", "live.child");

        graph.complete("live.child", null);
        clock.advance(Duration.ofMinutes(6));
        assertThat(graph.evictFinished()).isEqualTo(2);
        assertThat(graph.size()).isZero();
    }

    @Test
    void beyondMaxTreesTheOldestFinishedTreesGo() {
        CallGraph graph = graph(Duration.ofDays(1), 2);
        for (String id : new String[] {"t1", "t2", "t3", "t4"}) {
            graph.add(request(id, null));
            finish(graph, id);
            clock.advanceMillis(10);
        }
        graph.add(request("running", null));
        graph.start("running");
        assertThat(graph.evictFinished()).isEqualTo(2);
        assertThat(graph.calls()).extracting(CallNode::requestId).containsExactly("running", "t3", "t4");
    }

    @Test
    void aTreeThatGrowsAgainIsNotEvictedWhileItsNewCallRuns() {
        CallGraph graph = graph(Duration.ofMinutes(1), 100);
        graph.add(request("p", null));
        finish(graph, "p");
        graph.evictFinished();
        graph.add(request("late", "p"));               // a child issued just before p answered
        graph.start("late");
        clock.advance(Duration.ofMinutes(2));
        assertThat(graph.evictFinished()).isZero();
        graph.complete("late", null);
        clock.advance(Duration.ofMinutes(2));
        assertThat(graph.evictFinished()).isEqualTo(2);
    }

    @Test
    void evictingAChildThatWaitedForAParentForgetsTheWait() {
        CallGraph graph = graph(Duration.ZERO, 0);
        graph.add(request("orphan", "never"));
        finish(graph, "orphan");
        clock.advanceMillis(1);
        assertThat(graph.evictFinished()).isEqualTo(1);
        graph.add(request("never", null));
        assertThat(graph.edges()).isEmpty();
    }

    @Test
    void theGraphSweepsItselfAsCallsEnd() {
        CallGraph graph = graph(Duration.ZERO, 10);
        for (int i = 0; i < 3_000; i++) {
            graph.add(request("c" + i, null));
            finish(graph, "c" + i);
            clock.advanceMillis(1);
        }
        assertThat(graph.size()).isLessThan(1_100);
    }

    @Test
    void retentionRejectsNegativeLimits() {
        assertThatThrownBy(() -> new Retention(Duration.ofSeconds(-1), 1))
                .hasMessage("maxAge must not be negative, got PT-1S");
        assertThatThrownBy(() -> new Retention(Duration.ZERO, -1))
                .hasMessage("maxFinishedTrees must not be negative, got -1");
    }
}
