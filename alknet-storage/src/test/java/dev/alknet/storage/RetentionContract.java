package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StorageService#prune}: old events nobody needs and old audit rows go; everything else stays. */
abstract class RetentionContract {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Retention DAY = new Retention(Duration.ofDays(1), Duration.ofDays(30));

    final MutableClock clock = new MutableClock(T0);
    StorageConfig config;
    StorageService storage;
    Streams streams;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config, clock);
        streams = storage.streams();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void eventsGoOnlyWhenOldAndBelowEveryConsumersOffset() {
        for (int i = 1; i <= 5; i++) {
            streams.publish("s", "e", json("{\"n\": " + i + "}"));
            streams.publish("lonely", "e", json("{}"));
        }
        streams.commit("s", "fast", 5);
        streams.commit("s", "slow", 3);
        clock.advance(Duration.ofDays(2));
        streams.publish("s", "e", json("{\"n\": 6}"));
        streams.commit("s", "slow", 6);
        streams.commit("s", "fast", 6);

        assertThat(storage.prune(DAY).events()).isEqualTo(5);
        assertThat(streams.read("s", 0, 100)).extracting(StreamEvent::position).as("6 is too young").containsExactly(6L);
        assertThat(streams.read("lonely", 0, 100)).as("no consumer, nothing pruned").hasSize(5);
        assertThat(storage.prune(DAY).events()).isZero();
        assertThat(streams.publish("s", "e", json("{}"))).as("positions go on").isEqualTo(7);
    }

    /** A batch's events are stored as groups: a group goes whole, once every consumer is past all of it. */
    @Test
    void aStoredGroupGoesWhenAllOfItsEventsAreConsumedAndCountsAsItsEvents() {
        Metagraph mg = storage.metagraph();
        GraphType type = mg.createGraphType("items", null, GraphRules.strictDirected(), TypeScope.USER);
        mg.createNodeType(type.id(), "item", null, "{\"type\": \"object\"}");
        Graph graph = mg.createGraph(type.id(), "g", null, null, null);
        mg.addNodes(graph.id(), IntStream.range(0, 300).mapToObj(i -> new NewNode("item", "n" + i, json("{}")))
                .toList());
        String stream = Streams.graph(graph.id());
        streams.commit(stream, "reader", 100);
        clock.advance(Duration.ofDays(2));

        assertThat(storage.prune(DAY).events()).as("events 101-256 of the first group are unread").isZero();
        assertThat(streams.read(stream, 100, 1000)).hasSize(200);
        streams.commit(stream, "reader", 256);
        assertThat(storage.prune(DAY).events()).isEqualTo(256);
        assertThat(streams.read(stream, 0, 1000)).extracting(StreamEvent::position).hasSize(44).startsWith(257L);
    }

    @Test
    void theSlowestConsumerHoldsEventsBack() {
        for (int i = 1; i <= 4; i++) {
            streams.publish("s", "e", json("{}"));
        }
        streams.commit("s", "fast", 4);
        streams.commit("s", "slow", 2);
        clock.advance(Duration.ofDays(2));
        assertThat(storage.prune(DAY).events()).isEqualTo(2);
        assertThat(streams.read("s", streams.offset("s", "slow"), 100)).extracting(StreamEvent::position)
                .containsExactly(3L, 4L);
    }

    @Test
    void theAclStreamIsNeverPrunedSoAccessSurvivesARestart() {
        AccessGraph acl = storage.acl();
        acl.addPrincipal("alice", PrincipalType.ACCOUNT, "a-1", Set.of());
        acl.addResource("wiki", json("{}"));
        acl.grant("alice", AclAction.READ, "wiki");
        String stream = Streams.graph(acl.graphId());
        streams.commit(stream, "indexer", 3);
        clock.advance(Duration.ofDays(2));
        storage.prune(DAY);
        assertThat(streams.read(stream, 0, 100)).hasSize(3);
        storage.close();
        storage = StorageService.open(config, clock);
        assertThat(storage.acl().checkAccess("alice", "wiki", AclAction.READ, Set.of())).isTrue();
    }

    @Test
    void auditRowsGoByAgeAlone() {
        Account old = storage.identities().createAccount("old@example.org", null, AccessLevel.USER, Grant.none());
        clock.advance(Duration.ofDays(31));
        storage.identities().setStatus(old.id(), AccountStatus.SUSPENDED);
        Retention.Pruned pruned = storage.prune(new Retention(null, Duration.ofDays(30)));
        assertThat(pruned).isEqualTo(new Retention.Pruned(0, 1));
        assertThat(storage.identities().auditLog(old.id())).extracting(AuditEntry::action)
                .containsExactly("account.status_changed");
        assertThat(streams.read(Streams.IDENTITIES, 0, 10)).as("events are not audit rows").hasSize(2);
    }

    @Test
    void aConfiguredRetentionPrunesByItselfFromTheStart() throws InterruptedException {
        for (int i = 1; i <= 3; i++) {
            streams.publish("s", "e", json("{}"));
        }
        streams.commit("s", "c", 3);
        clock.advance(Duration.ofDays(2));
        storage.close();
        storage = StorageService.open(config.withRetention(DAY), clock);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!storage.streams().read("s", 0, 10).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(storage.streams().read("s", 0, 10)).isEmpty();
        assertThat(config.withRetention(DAY).toString()).contains("retention=Retention[eventAge=PT24H");
    }

    @Test
    void retentionAgesMustBePositive() {
        MetagraphContract.assertKind(() -> new Retention(Duration.ZERO, null), StorageException.Kind.INVALID)
                .hasMessageContaining("event retention age must be positive");
        MetagraphContract.assertKind(() -> new Retention(null, Duration.ofSeconds(-1)), StorageException.Kind.INVALID)
                .hasMessageContaining("audit retention age");
        assertThat(storage.prune(new Retention(null, null))).isEqualTo(new Retention.Pruned(0, 0));
    }
}
