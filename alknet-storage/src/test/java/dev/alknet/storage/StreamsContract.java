package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Durable streams and the outbox, identical on every dialect. */
abstract class StreamsContract {

    /** Long enough for a loaded CI machine; tests wait for events, they never measure time. */
    private static final long WAIT_SECONDS = 30;
    private static final Duration POLL = Duration.ofMillis(200);

    StorageConfig config;
    StorageService storage;
    Streams streams;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        streams = storage.streams();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aChangeAndItsEventsCommitTogether() {
        Metagraph mg = storage.metagraph();
        GraphType t = mg.createGraphType("t", null, GraphRules.strictDirected(), TypeScope.USER);
        mg.createNodeType(t.id(), "n", null, "{\"type\": \"object\", \"required\": [\"name\"]}");
        mg.createEdgeType(t.id(), "e", null, json("{}"), List.of(), List.of());
        Graph g = mg.createGraph(t.id(), "g", null, null, null);
        mg.addNode(g.id(), new NewNode("n", "a", json("{\"name\": \"A\"}")));
        try {
            mg.addNode(g.id(), new NewNode("n", "b", json("{}")));
        } catch (AttributeValidationException expected) {
            // rejected: neither the node nor its event may exist
        }
        mg.addNode(g.id(), new NewNode("n", "c", json("{\"name\": \"C\"}")));
        mg.addEdge(g.id(), NewEdge.of("e", "a", "c", json("{}")));
        mg.deleteNode(g.id(), "c");

        List<StreamEvent> events = streams.read(Streams.graph(g.id()), 0, 100);
        assertThat(events).extracting(StreamEvent::type).containsExactly("node.created", "node.created",
                "edge.created", "edge.deleted", "node.deleted");
        assertThat(events).extracting(StreamEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).payload().path("key").asString()).isEqualTo("a");
        assertThat(events.get(0).payload().path("attributes")).isEqualTo(json("{\"name\": \"A\"}"));
        assertThat(streams.read(Streams.GRAPHS, 0, 100)).extracting(StreamEvent::type).containsExactly(
                "graph_type.created", "node_type.created", "edge_type.created", "graph.created");
    }

    /** A big batch: every event in order, each payload kept verbatim (quotes, commas, escapes, non-ASCII). */
    @Test
    void aBatchOfNodesPublishesEveryNodeInOrderWithItsAttributesIntact() {
        Metagraph mg = storage.metagraph();
        GraphType t = mg.createGraphType("t", null, GraphRules.strictDirected(), TypeScope.USER);
        mg.createNodeType(t.id(), "n", null, "{\"type\": \"object\"}");
        Graph g = mg.createGraph(t.id(), "g", null, null, null);
        mg.addNode(g.id(), new NewNode("n", "first", json("{}")));
        List<NewNode> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(new NewNode("n", "k" + i, json("{\"text\": \"a \\\"quoted\\\", comma,\\nnew line\\\\ \\\\. "
                    + "\u00e9\u4e2d\ud83d\ude00 #" + i + "\", \"n\": " + i + "}")));
        }
        mg.addNodes(g.id(), batch);

        List<StreamEvent> events = streams.read(Streams.graph(g.id()), 1, 1000);
        assertThat(events).hasSize(300);
        assertThat(events).extracting(StreamEvent::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(2, 301).boxed().toList());
        for (int i = 0; i < 300; i++) {
            assertThat(events.get(i).type()).isEqualTo("node.created");
            assertThat(events.get(i).payload().path("key").asString()).isEqualTo("k" + i);
            assertThat(events.get(i).payload().path("attributes")).isEqualTo(batch.get(i).attributes());
        }
    }

    @Test
    void identityChangesArePublishedWithoutSecrets() {
        Account a = storage.identities().createAccount("a@example.org", null, AccessLevel.USER, Grant.none());
        IssuedApiKey key = storage.identities().createApiKey(a.id(), "ci", null);
        List<StreamEvent> events = streams.read(Streams.IDENTITIES, 0, 100);
        assertThat(events).extracting(StreamEvent::type).containsExactly("account.created", "api_key.created");
        assertThat(events.get(1).payload().path("ownerId").asString()).isEqualTo(a.id());
        assertThat(events.toString()).doesNotContain(key.secret().substring(4));
    }

    @Test
    void concurrentPublishersGetGapFreePositions() throws Exception {
        int threads = 6;
        int each = 15;
        TestThreads.run(threads, thread -> {
            for (int i = 0; i < each; i++) {
                streams.publish("s", "tick", json("{\"thread\": " + thread + ", \"i\": " + i + "}"));
            }
            return null;
        });
        List<StreamEvent> all = streams.read("s", 0, 1000);
        assertThat(all).extracting(StreamEvent::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * each).boxed().toList());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            assertThat(all.stream().filter(e -> e.payload().path("thread").asInt() == thread)
                    .map(e -> e.payload().path("i").asInt()).toList()).as("thread " + t + " in order")
                    .isSorted().hasSize(each);
        }
    }

    @Test
    void aPublishFromAnotherProcessWakesTheSubscriberWithoutWaitingForThePoll() throws Exception {
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        try (StorageService other = StorageService.open(config);
                StreamSubscription sub = streams.subscribe("s", "far", e -> seen.add(e.position()),
                        Duration.ofHours(1))) {
            other.streams().publish("s", "e", json("{}"));
            assertThat(take(seen, 1)).containsExactly(1L);
            awaitPosition(sub, 1);
            // Let the subscriber go back to waiting; the next event can then only come through the watcher.
            Thread.sleep(300);
            other.streams().publish("s", "e", json("{}"));
            assertThat(take(seen, 1)).containsExactly(2L);
        }
    }

    @Test
    void offsetsOnlyMoveForward() {
        assertThat(streams.offset("s", "c")).isZero();
        streams.commit("s", "c", 5);
        streams.commit("s", "c", 3);
        assertThat(streams.offset("s", "c")).isEqualTo(5);
        assertThat(streams.offset("s", "other")).isZero();
    }

    @Test
    void aSubscriberResumesAfterARestartWithNoGapAndNoDuplicate() throws Exception {
        for (int i = 1; i <= 5; i++) {
            streams.publish("s", "e", json("{\"n\": " + i + "}"));
        }
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        try (StreamSubscription sub = streams.subscribe("s", "worker", e -> seen.add(e.position()), POLL)) {
            assertThat(take(seen, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
            streams.publish("s", "e", json("{\"n\": 6}"));
            assertThat(take(seen, 1)).containsExactly(6L);
            awaitPosition(sub, 6);
        }
        streams.publish("s", "e", json("{\"n\": 7}"));
        storage.close();

        storage = StorageService.open(config);
        streams = storage.streams();
        streams.publish("s", "e", json("{\"n\": 8}"));
        try (StreamSubscription sub = streams.subscribe("s", "worker", e -> seen.add(e.position()), POLL)) {
            assertThat(take(seen, 2)).containsExactly(7L, 8L);
            awaitPosition(sub, 8);
        }
        assertThat(seen).isEmpty();
        assertThat(streams.offset("s", "worker")).isEqualTo(8);
    }

    @Test
    void aFailingHandlerGetsTheEventAgain() throws Exception {
        streams.publish("s", "e", json("{}"));
        streams.publish("s", "e", json("{}"));
        AtomicBoolean failedOnce = new AtomicBoolean();
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        try (StreamSubscription sub = streams.subscribe("s", "flaky", e -> {
            seen.add(e.position());
            if (e.position() == 2 && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("transient failure");
            }
        }, POLL)) {
            assertThat(take(seen, 3)).containsExactly(1L, 2L, 2L);
            awaitPosition(sub, 2);
        }
        assertThat(streams.offset("s", "flaky")).isEqualTo(2);
    }

    @Test
    void aPublisherDeliversOnlyWhatWasRequestedAndCommitsWhatItDelivered() throws Exception {
        for (int i = 1; i <= 10; i++) {
            streams.publish("s", "e", json("{\"n\": " + i + "}"));
        }
        Flow.Publisher<StreamEvent> publisher = streams.publisher("s", "reactive", POLL);
        RecordingSubscriber first = new RecordingSubscriber();
        publisher.subscribe(first);
        Flow.Subscription sub = first.awaitSubscription();
        sub.request(3);
        assertThat(take(first.positions, 3)).containsExactly(1L, 2L, 3L);
        assertNothingMore(first.positions);
        awaitOffset("reactive", 3);

        sub.request(2);
        assertThat(take(first.positions, 2)).containsExactly(4L, 5L);
        assertNothingMore(first.positions);
        sub.cancel();
        streams.publish("s", "e", json("{\"n\": 11}"));
        assertNothingMore(first.positions);
        awaitOffset("reactive", 5);

        RecordingSubscriber second = new RecordingSubscriber();
        publisher.subscribe(second);
        second.awaitSubscription().request(Long.MAX_VALUE);
        assertThat(take(second.positions, 6)).containsExactly(6L, 7L, 8L, 9L, 10L, 11L);
        streams.publish("s", "e", json("{\"n\": 12}"));
        assertThat(take(second.positions, 1)).containsExactly(12L);
        assertThat(second.error).isNotDone();
        second.awaitSubscription().cancel();
        awaitOffset("reactive", 12);
    }

    @Test
    void cancellingInsideOnNextKeepsThatEventCommittedAndNothingAfterIt() throws Exception {
        for (int i = 1; i <= 5; i++) {
            streams.publish("s", "e", json("{}"));
        }
        RecordingSubscriber sub = new RecordingSubscriber((s, e) -> {
            if (e.position() == 2) {
                s.cancel();
            }
        });
        streams.publisher("s", "c", POLL).subscribe(sub);
        sub.awaitSubscription().request(10);
        assertThat(take(sub.positions, 2)).containsExactly(1L, 2L);
        assertNothingMore(sub.positions);
        awaitOffset("c", 2);
    }

    @Test
    void aPublisherWakesOnPublishAndSignalsErrors() throws Exception {
        RecordingSubscriber live = new RecordingSubscriber();
        streams.publisher("s", "live", Duration.ofHours(1)).subscribe(live);
        live.awaitSubscription().request(1);
        streams.publish("s", "e", json("{}"));
        assertThat(take(live.positions, 1)).containsExactly(1L);

        RecordingSubscriber bad = new RecordingSubscriber();
        streams.publisher("s", "bad", POLL).subscribe(bad);
        bad.awaitSubscription().request(0);
        assertThat(bad.error.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 3.9");
        assertThat(bad.positions).isEmpty();

        storage.close();
        assertThat(live.error.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
        storage = StorageService.open(config);
        assertThat(storage.streams().offset("s", "live")).isEqualTo(1);
    }

    @Test
    void malformedStreamInputIsRejected() {
        MetagraphContract.assertKind(() -> streams.publish("", "t", json("{}")), StorageException.Kind.INVALID)
                .hasMessageContaining("stream name");
        MetagraphContract.assertKind(() -> streams.publish("s", "t", json("{\"x\": \"\\u0000\"}")),
                StorageException.Kind.INVALID).hasMessageContaining("'/x'");
        MetagraphContract.assertKind(() -> streams.read("s", 0, 0), StorageException.Kind.INVALID);
        assertThat(streams.read("s", 0, 10)).isEmpty();
    }

    /** The next {@code n} items, failing when one does not come within the wait. */
    static <T> List<T> take(BlockingQueue<T> queue, int n) throws InterruptedException {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("item " + (i + 1) + " of " + n).isNotNull();
            out.add(next);
        }
        return out;
    }

    /** Gives a misbehaving publisher time to deliver more than it should; the test then checks it did not. */
    private static void assertNothingMore(BlockingQueue<Long> positions) throws InterruptedException {
        assertThat(positions.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    private void awaitOffset(String consumer, long position) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (streams.offset("s", consumer) < position && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(streams.offset("s", consumer)).isEqualTo(position);
    }

    private static void awaitPosition(StreamSubscription sub, long position) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (sub.position() < position && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sub.position()).isEqualTo(position);
    }
}
