package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.frame.FrameCodec;
import dev.alknet.flowgraph.AbortPolicy;
import dev.alknet.flowgraph.CallEdge;
import dev.alknet.flowgraph.CallEdgeType;
import dev.alknet.flowgraph.CallErrorInfo;
import dev.alknet.flowgraph.CallEvent;
import dev.alknet.flowgraph.CallGraph;
import dev.alknet.flowgraph.CallGraphSnapshot;
import dev.alknet.flowgraph.CallStatus;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphStatus;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call graph saved to the storage metagraph (real SQLite) comes back equal, also after reopening the file. */
class CallGraphArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotRoundTripsThroughTheMetagraph() {
        CallGraphSnapshot original = sampleGraph();
        String graphId;
        try (StorageService storage = StorageService.open(StorageConfig.inDataDir(dir))) {
            CallGraphArchive archive = CallGraphArchive.in(storage.metagraph());
            Graph saved = archive.save("head calls", original);
            graphId = saved.id();

            assertThat(saved.status()).isEqualTo(GraphStatus.ARCHIVED);
            assertThat(archive.load(graphId)).isEqualTo(original);
            // A second archive on the same storage reuses the graph type instead of failing to create it again.
            assertThat(CallGraphArchive.in(storage.metagraph()).save("again", original).id()).isNotEqualTo(graphId);
        }
        try (StorageService reopened = StorageService.open(StorageConfig.inDataDir(dir))) {
            assertThat(CallGraphArchive.in(reopened.metagraph()).load(graphId)).isEqualTo(original);
        }
    }

    @Test
    void aSaveThatFailsPartWayLeavesNothingBehind() {
        CallGraphSnapshot good = sampleGraph();
        // An edge to a call the snapshot does not hold: the edges fail after the nodes were written.
        CallGraphSnapshot broken = new CallGraphSnapshot(good.calls(), List.of(new CallEdge("p", "ghost",
                CallEdgeType.TRIGGERED)));
        try (StorageService storage = StorageService.open(StorageConfig.inDataDir(dir))) {
            CallGraphArchive archive = CallGraphArchive.in(storage.metagraph());

            assertThatThrownBy(() -> archive.save("broken", broken)).isInstanceOf(StorageException.class);
            assertThat(storage.metagraph().graphsOwnedBy(CallGraphArchive.OWNER)).isEmpty();
            Graph saved = archive.save("good", good);
            assertThat(storage.metagraph().graphsOwnedBy(CallGraphArchive.OWNER)).extracting(Graph::id)
                    .containsExactly(saved.id());
        }
    }

    /** A parent that triggered three children: one completed, one failed, one aborted subscription; plus a dependency. */
    private static CallGraphSnapshot sampleGraph() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
        InstantSource clock = () -> now.getAndUpdate(t -> t.plus(Duration.ofMillis(7)));
        CallGraph graph = CallGraph.builder().clock(clock).build();
        graph.onEvent(new CallEvent.Requested("p", "/head/jobs/run", null, null, "SHA256:alice", false));
        graph.onEvent(new CallEvent.Started("p"));
        graph.onEvent(new CallEvent.Requested("c1", "/w1/files/read", FrameCodec.jsonMapper().createObjectNode()
                .put("path", "/etc/motd"), "p", "SHA256:alice", false));
        graph.onEvent(new CallEvent.Started("c1"));
        graph.onEvent(new CallEvent.Responded("c1", FrameCodec.jsonMapper().createObjectNode().put("text", "hi")));
        graph.onEvent(new CallEvent.Requested("c2", "/w2/bash/exec", null, "p", "SHA256:alice", false));
        graph.onEvent(new CallEvent.Error("c2", new CallErrorInfo("ACCESS_DENIED", "access denied to /w2/bash/exec")));
        graph.onEvent(new CallEvent.Requested("c3", "/w1/logs/tail", null, "p", "SHA256:alice", true));
        graph.abortPolicy("c3", AbortPolicy.CONTINUE_RUNNING);
        graph.onEvent(new CallEvent.Started("c3"));
        graph.onEvent(new CallEvent.Aborted("c3"));
        graph.dependsOn("c2", "c1");
        CallGraphSnapshot snapshot = graph.snapshot();
        assertThat(snapshot.calls()).extracting(c -> c.status()).contains(CallStatus.RUNNING, CallStatus.COMPLETED,
                CallStatus.FAILED, CallStatus.ABORTED);
        return snapshot;
    }
}
