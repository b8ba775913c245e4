package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.CallGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentCallGraphTest {

    /** Four sessions feed their own trees while a reader exports snapshots and another thread aborts roots. */
    @Test
    void concurrentWritersAndReadersSeeAConsistentGraph() throws Exception {
        AtomicInteger rejected = new AtomicInteger();
        CallGraph graph = CallGraph.builder().onRejected(r -> rejected.incrementAndGet()).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String session = "s" + w;
                writers.add(pool.submit(() -> {
                    for (int t = 0; t < 500; t++) {
                        String root = session + ".t" + t;
                        graph.onEvent(request(root, null));
                        for (int c = 0; c < 3; c++) {
                            graph.onEvent(request(root + "." + c, root));
                            graph.onEvent(new CallEvent.Started(root + "." + c));
                        }
                        graph.onEvent(new CallEvent.Responded(root + ".0", null));
                        graph.onEvent(new CallEvent.Responded(root, null));
                    }
                }));
            }
            Future<?> reader = pool.submit(() -> {
                while (writers.stream().anyMatch(f -> !f.isDone())) {
                    CallGraphSnapshot snapshot = graph.snapshot();
                    List<String> ids = snapshot.calls().stream().map(CallNode::requestId).toList();
                    for (CallEdge edge : snapshot.edges()) {
                        assertThat(ids).contains(edge.source(), edge.target());
                    }
                }
            });
            for (Future<?> writer : writers) {
                writer.get();
            }
            reader.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(rejected).hasValue(0);
        assertThat(graph.size()).isEqualTo(4 * 500 * 4);
        assertThat(graph.withStatus(CallStatus.COMPLETED)).hasSize(4 * 500 * 2);
        assertThat(graph.withStatus(CallStatus.RUNNING)).hasSize(4 * 500 * 2);
        assertThat(graph.abort("s0.t0.1")).containsExactly("s0.t0.1");
    }
}
