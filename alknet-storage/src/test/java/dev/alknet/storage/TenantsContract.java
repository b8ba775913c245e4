package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.assertKind;
import static dev.alknet.storage.MetagraphContract.json;
import static dev.alknet.storage.StreamsContract.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The system/tenant split: one store per organisation beside the system database, identical on every dialect. */
abstract class TenantsContract {

    StorageConfig config;
    StorageService storage;
    Organization acme;
    Organization globex;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        Account owner = storage.identities().createAccount("owner@example.org", "Owner", AccessLevel.USER,
                Grant.none());
        acme = storage.identities().createOrganization("Acme", "acme", owner.id(), Grant.none());
        globex = storage.identities().createOrganization("Globex", "globex", owner.id(), Grant.none());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void writesInOneTenantNeverReachAnotherNorTheSystemDatabase() throws Exception {
        TenantStorage a = storage.tenant(acme.id());
        TenantStorage b = storage.tenant(globex.id());
        Graph ga = notesGraph(a);
        Graph gb = notesGraph(b);
        a.metagraph().addNode(ga.id(), "note", "secret", "{\"text\": \"acme only\"}");
        a.streams().publish("news", "posted", json("{\"by\": \"acme\"}"));
        a.workQueue().enqueue("jobs", json("{\"for\": \"acme\"}"));

        assertThat(b.metagraph().graph(ga.id())).isEmpty();
        assertThat(b.metagraph().graphTypeByName("notes").orElseThrow().id())
                .isNotEqualTo(a.metagraph().graphTypeByName("notes").orElseThrow().id());
        assertKind(() -> b.metagraph().addNode(ga.id(), "note", "x", "{\"text\": \"t\"}"),
                StorageException.Kind.NOT_FOUND);
        assertThat(b.metagraph().nodes(gb.id())).isEmpty();
        assertThat(b.streams().read(Streams.graph(ga.id()), 0, 100)).isEmpty();
        assertThat(b.streams().read("news", 0, 100)).isEmpty();
        assertThat(b.streams().read(Streams.GRAPHS, 0, 100)).extracting(e -> e.payload().path("id").asString())
                .doesNotContain(ga.id());
        assertThat(b.workQueue().claim("jobs", "w", Duration.ofSeconds(30))).isEmpty();

        assertThat(storage.metagraph().graph(ga.id())).isEmpty();
        assertThat(storage.metagraph().graphTypeByName("notes")).isEmpty();
        assertThat(storage.streams().read(Streams.graph(ga.id()), 0, 100)).isEmpty();
        assertThat(storage.streams().read("news", 0, 100)).isEmpty();

        assertThat(a.streams().read(Streams.graph(ga.id()), 0, 100)).extracting(StreamEvent::type)
                .containsExactly("node.created");
        assertThat(a.workQueue().claim("jobs", "w", Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void notificationsStayInTheirTenant() throws Exception {
        TenantStorage a = storage.tenant(acme.id());
        TenantStorage b = storage.tenant(globex.id());
        BlockingQueue<Notification> heardA = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> heardB = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> heardSystem = new LinkedBlockingQueue<>();
        try (NotificationListener la = a.notifications().listen("flush", heardA::add);
                NotificationListener lb = b.notifications().listen("flush", heardB::add);
                NotificationListener ls = storage.notifications().listen("flush", heardSystem::add)) {
            a.notifications().notify("flush", "acme");
            storage.notifications().notify("flush", "system");
            b.notifications().notify("flush", "globex");
            assertThat(take(heardA, 1)).containsExactly(new Notification("flush", "acme"));
            assertThat(take(heardSystem, 1)).containsExactly(new Notification("flush", "system"));
            assertThat(take(heardB, 1)).containsExactly(new Notification("flush", "globex"));
            // Each was sent before the last one arrived; anything crossing over would have come by now.
            a.notifications().notify("flush", "acme again");
            assertThat(take(heardA, 1)).containsExactly(new Notification("flush", "acme again"));
            assertThat(heardB).isEmpty();
            assertThat(heardSystem).isEmpty();
        }
    }

    @Test
    void aTenantBelongsToAnExistingOrganisationAndNothingIsMadeOtherwise() {
        Set<String> before = TenantFootprint.of(config);
        String unknown = UUID.randomUUID().toString();
        assertKind(() -> storage.tenant(unknown), StorageException.Kind.NOT_FOUND)
                .hasMessageContaining("organisation " + unknown + " does not exist");
        for (String bad : List.of("", "../" + acme.id(), acme.id().toUpperCase(Locale.ROOT), "a\"b",
                "a'; DROP SCHEMA public CASCADE; --", "caf\u00e9", "a/b", "a\\b", "a.b", "a b", "x".repeat(41),
                "nul\u0000")) {
            assertKind(() -> storage.tenant(bad), StorageException.Kind.INVALID).hasMessageStartingWith("tenant id ");
        }
        assertThat(TenantFootprint.of(config)).isEqualTo(before);
        storage.tenant(acme.id());
        assertThat(TenantFootprint.hasStore(config, acme.id())).isTrue();
    }

    @Test
    void aTenantStoreHasTheSharedTablesAndNoIdentities() {
        storage.tenant(acme.id());
        assertThat(TenantFootprint.tables(config, acme.id()))
                .contains("graph_types", "node_types", "edge_types", "graphs", "nodes", "edges", "streams",
                        "stream_events", "stream_offsets", "queue_jobs", "flyway_schema_history")
                .doesNotContain("accounts", "organizations", "organization_members", "api_keys", "peer_credentials",
                        "audit_logs");
    }

    @Test
    void systemTypesAreUsedByIdAndCopiedIntoTheTenant() {
        Metagraph system = storage.metagraph();
        GraphType calls = system.createGraphType("call-graph", null, GraphRules.strictDirected(), TypeScope.SYSTEM);
        system.createNodeType(calls.id(), "call", null, "{\"type\": \"object\", \"required\": [\"op\"]}");
        GraphType legacy = system.createGraphType("legacy", null, GraphRules.strictDirected(), TypeScope.TENANT);
        TenantStorage a = storage.tenant(acme.id());
        Metagraph mg = a.metagraph();

        assertThat(mg.graphType(calls.id())).contains(calls);
        assertThat(mg.graphTypes()).extracting(GraphType::name).containsExactly("call-graph");
        assertThat(mg.nodeTypes(calls.id())).extracting(NodeType::name).containsExactly("call");
        Graph g = mg.createGraph(calls.id(), "calls", null, null, null);
        assertThat(g.graphTypeId()).isEqualTo(calls.id());
        mg.addNode(g.id(), "call", "c1", "{\"op\": \"/head/x\"}");
        assertThatThrownBy(() -> mg.addNode(g.id(), "call", "c2", "{}"))
                .isInstanceOf(AttributeValidationException.class);
        assertThat(a.streams().read(Streams.GRAPHS, 0, 100)).extracting(StreamEvent::type)
                .containsExactly("graph_type.created", "node_type.created", "graph.created");

        // Types gain node types only in the system database; the tenant's copy catches up when it adopts again.
        system.createNodeType(calls.id(), "task", null, "{}");
        assertKind(() -> mg.addNode(g.id(), "task", "t1", "{}"), StorageException.Kind.INVALID);
        assertThat(a.adoptSystemType(calls.id())).isEqualTo(calls);
        mg.addNode(g.id(), "task", "t1", "{}");

        assertKind(() -> mg.createNodeType(calls.id(), "mine", null, "{}"), StorageException.Kind.INVALID);
        assertKind(() -> mg.createGraphType("own", null, GraphRules.strictDirected(), TypeScope.SYSTEM),
                StorageException.Kind.INVALID);
        assertKind(() -> mg.createGraphType("call-graph", null, GraphRules.strictDirected(), TypeScope.TENANT),
                StorageException.Kind.ALREADY_EXISTS);
        assertKind(() -> mg.createGraph(legacy.id(), "g", null, null, null), StorageException.Kind.INVALID);
        assertKind(() -> mg.createGraph(UUID.randomUUID().toString(), "g", null, null, null),
                StorageException.Kind.NOT_FOUND);

        assertThat(system.graph(g.id())).isEmpty();
        assertThat(storage.tenant(globex.id()).metagraph().graph(g.id())).isEmpty();

        // A system type that came after the tenant's own type of the same name cannot be copied over it.
        GraphType own = mg.createGraphType("reports", null, GraphRules.strictDirected(), TypeScope.TENANT);
        GraphType reports = system.createGraphType("reports", null, GraphRules.strictDirected(), TypeScope.SYSTEM);
        assertKind(() -> mg.createGraph(reports.id(), "r", null, null, null), StorageException.Kind.ALREADY_EXISTS);
        assertThat(mg.graphTypeByName("reports")).contains(own);
    }

    @Test
    void aTenantsDataAndOffsetsSurviveARestart() {
        TenantStorage a = storage.tenant(acme.id());
        Graph g = notesGraph(a);
        a.metagraph().addNode(g.id(), "note", "n1", "{\"text\": \"kept\"}");
        a.streams().commit(Streams.graph(g.id()), "indexer", 1);
        storage.close();

        storage = StorageService.open(config);
        TenantStorage again = storage.tenant(acme.id());
        assertThat(again.metagraph().node(g.id(), "n1").orElseThrow().attributes().path("text").asString())
                .isEqualTo("kept");
        assertThat(again.streams().offset(Streams.graph(g.id()), "indexer")).isEqualTo(1);
        assertThat(storage.tenant(globex.id()).metagraph().graphTypes()).isEmpty();
    }

    @Test
    void concurrentOpensShareOneHandlePerTenant() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<TenantStorage> opened = TestThreads.run(threads, t -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return storage.tenant(t % 2 == 0 ? acme.id() : globex.id());
        });
        for (int t = 0; t < threads; t++) {
            assertThat(opened.get(t)).isSameAs(opened.get(t % 2));
            assertThat(opened.get(t).orgId()).isEqualTo(t % 2 == 0 ? acme.id() : globex.id());
        }
        assertThat(opened.get(0)).isNotSameAs(opened.get(1));
        notesGraph(opened.get(0));
        notesGraph(opened.get(1));
    }

    /** Two services on one database (two processes, as far as the database can tell) create one tenant at once. */
    @Test
    void twoServicesCreateOneTenantAtOnce() throws Exception {
        try (StorageService other = StorageService.open(config)) {
            CyclicBarrier start = new CyclicBarrier(2);
            List<TenantStorage> opened = TestThreads.run(2, t -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return (t == 0 ? storage : other).tenant(acme.id());
            });
            Graph g = notesGraph(opened.get(0));
            opened.get(0).metagraph().addNode(g.id(), "note", "n", "{\"text\": \"shared\"}");
            assertThat(opened.get(1).metagraph().node(g.id(), "n")).isPresent();
        }
    }

    /**
     * Another service's commits and notifications in a tenant reach this one's subscribers and listeners of that
     * tenant at once (the subscriber's poll interval is an hour), through the tenant's own watcher.
     */
    @Test
    void anotherServiceWakesTheTenantsSubscribersAndListeners() throws Exception {
        BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();
        TenantStorage here = storage.tenant(acme.id());
        try (StreamSubscription sub = here.streams().subscribe("news", "reader", events::add, Duration.ofHours(1));
                NotificationListener l = here.notifications().listen("flush", heard::add);
                StorageService other = StorageService.open(config)) {
            TenantStorage there = other.tenant(acme.id());
            there.streams().publish("news", "posted", json("{\"n\": 1}"));
            there.notifications().notify("flush", "now");
            assertThat(take(events, 1)).extracting(StreamEvent::type).containsExactly("posted");
            assertThat(take(heard, 1)).containsExactly(new Notification("flush", "now"));
        }
    }

    @Test
    void closingTheServiceClosesItsTenants() {
        TenantStorage a = storage.tenant(acme.id());
        notesGraph(a);
        storage.close();
        assertThatThrownBy(() -> a.metagraph().graphsOwnedBy("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> storage.tenant(acme.id())).isInstanceOf(IllegalStateException.class);
        storage = StorageService.open(config);
    }

    @Test
    void droppingATenantDeletesItsStore() {
        TenantStorage a = storage.tenant(acme.id());
        Graph g = notesGraph(a);
        assertThat(storage.dropTenant(acme.id())).isTrue();
        assertThat(TenantFootprint.hasStore(config, acme.id())).isFalse();
        assertThatThrownBy(() -> a.metagraph().graph(g.id())).isInstanceOf(IllegalStateException.class);

        TenantStorage fresh = storage.tenant(acme.id());
        assertThat(fresh).isNotSameAs(a);
        assertThat(fresh.metagraph().graph(g.id())).isEmpty();
        assertThat(fresh.metagraph().graphTypes()).isEmpty();
        assertThat(storage.dropTenant(globex.id())).isFalse();
    }

    @Test
    void aTenantPrunesItsOwnEvents() {
        storage.close();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        storage = StorageService.open(config, clock);
        TenantStorage a = storage.tenant(acme.id());
        a.streams().publish("s", "old", json("{}"));
        a.streams().publish("s", "old", json("{}"));
        a.streams().commit("s", "reader", 1);
        storage.streams().publish("s", "system", json("{}"));
        storage.streams().commit("s", "reader", 1);
        clock.advance(Duration.ofDays(2));

        assertThat(a.prune(new Retention(Duration.ofDays(1), Duration.ofDays(1))))
                .isEqualTo(new Retention.Pruned(1, 0));
        assertThat(a.streams().read("s", 0, 10)).extracting(StreamEvent::position).containsExactly(2L);
        assertThat(storage.streams().read("s", 0, 10)).hasSize(1);
    }

    /** A tenant-scoped type "notes" with a node type "note" and a graph of it. */
    static Graph notesGraph(TenantStorage t) {
        Metagraph mg = t.metagraph();
        GraphType notes = mg.createGraphType("notes", null, GraphRules.strictDirected(), TypeScope.TENANT);
        mg.createNodeType(notes.id(), "note", null, "{\"type\": \"object\", \"required\": [\"text\"]}");
        return mg.createGraph(notes.id(), "mine", null, null, null);
    }
}
