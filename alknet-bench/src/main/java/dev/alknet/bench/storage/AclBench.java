package dev.alknet.bench.storage;

import dev.alknet.storage.AccessGraph;
import dev.alknet.storage.AclAction;
import dev.alknet.storage.NewEdge;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.StorageService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code AccessGraph.checkAccess} on SQLite ({@link PostgresAclBench}: on PostgreSQL) with {@value #PRINCIPALS} principals ({@value #GROUPS} of them groups),
 * {@value #RESOURCES} resources and {@value #EDGES} edges: grants from principals and groups, memberships, and
 * narrowing delegations between principals. Random principal, resource and action per call, a third of them with a
 * required scope. Target (issue 6): p99 &lt; 1 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AclBench {

    static final int PRINCIPALS = 10_000;
    static final int GROUPS = 100;
    static final int RESOURCES = 1_000;
    static final int EDGES = 100_000;
    private static final int BATCH = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SCOPES = List.of("read", "write", "admin");

    private BenchDatabase database;
    private StorageService storage;
    private AccessGraph acl;
    private final SplittableRandom random = new SplittableRandom(7);

    /** The database this run measures; subclasses choose another dialect. */
    protected BenchDatabase database() throws IOException {
        return BenchDatabase.sqlite();
    }

    @Setup
    public void build() throws IOException {
        database = database();
        storage = StorageService.open(database.config());
        acl = storage.acl();
        String graph = acl.graphId();
        List<NewNode> nodes = new ArrayList<>();
        for (int p = 0; p < PRINCIPALS; p++) {
            ObjectNode attrs = JSON.createObjectNode().put("identity_type", p < GROUPS ? "role" : "account")
                    .put("identity_id", "id-" + p);
            var scopes = attrs.putArray("scopes").add("read");
            if (p % 3 != 0) {
                scopes.add(SCOPES.get(p % 3));
            }
            nodes.add(new NewNode("principal", "p" + p, attrs));
        }
        for (int r = 0; r < RESOURCES; r++) {
            nodes.add(new NewNode("resource", "r" + r, JSON.createObjectNode()));
        }
        for (int i = 0; i < nodes.size(); i += BATCH) {
            storage.metagraph().addNodes(graph, nodes.subList(i, Math.min(nodes.size(), i + BATCH)));
        }
        List<NewEdge> edges = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        while (edges.size() < EDGES) {
            int kind = random.nextInt(10);
            int from = random.nextInt(PRINCIPALS);
            NewEdge e;
            if (kind < 6) {
                String type = AclAction.values()[random.nextInt(3)].edgeType();
                e = NewEdge.of(type, "p" + from, "r" + random.nextInt(RESOURCES), JSON.createObjectNode());
            } else if (kind < 9) {
                e = NewEdge.of("belongs_to", "p" + from, "p" + random.nextInt(GROUPS), JSON.createObjectNode());
            } else {
                ObjectNode attrs = JSON.createObjectNode().put("narrowable", random.nextBoolean());
                attrs.putArray("narrowed_scopes").add("read");
                e = NewEdge.of("delegates", "p" + from, "p" + random.nextInt(PRINCIPALS), attrs);
            }
            if (!e.sourceKey().equals(e.targetKey()) && used.add(e.type() + e.sourceKey() + ">" + e.targetKey())) {
                edges.add(e);
            }
        }
        for (int i = 0; i < edges.size(); i += BATCH) {
            storage.metagraph().addEdges(graph, edges.subList(i, Math.min(edges.size(), i + BATCH)));
        }
        // The first check replays the ACL stream into the index; keep that out of the measurement.
        acl.checkAccess("p0", "r0", AclAction.READ, Set.of());
    }

    @TearDown
    public void close() throws IOException {
        storage.close();
        database.close();
    }

    @Benchmark
    public boolean checkAccess() {
        int r = random.nextInt(3);
        return acl.checkAccess("p" + random.nextInt(PRINCIPALS), "r" + random.nextInt(RESOURCES),
                AclAction.values()[random.nextInt(3)], r == 0 ? Set.of("read") : Set.of());
    }
}
