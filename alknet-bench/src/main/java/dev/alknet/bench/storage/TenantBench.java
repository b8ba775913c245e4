package dev.alknet.bench.storage;

import dev.alknet.storage.AccessLevel;
import dev.alknet.storage.Grant;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.StorageService;
import dev.alknet.storage.TenantStorage;
import dev.alknet.storage.TypeScope;
import java.io.IOException;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system/tenant split on SQLite (files in a temp directory, as {@link StorageBench}):
 * <ul>
 *   <li>batched node inserts into a tenant's store ({@code tenant-<id>.db}, a system-scoped type copied in) against
 *       the same inserts into the system database in the same run. Target: ≥ 0.9x — a tenant store costs what the
 *       system store does.</li>
 *   <li>{@code storage.tenant(orgId)} of an open tenant: the organisation is looked up in the system database on every
 *       call (no keys across databases). Target: ≤ 100 µs.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TenantBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchDatabase database;
    private StorageService storage;
    private String orgId;
    private Metagraph tenantGraphs;
    private Graph tenantGraph;
    private Graph systemGraph;
    private long counter;

    @Setup
    public void open() throws IOException {
        database = BenchDatabase.sqlite();
        storage = StorageService.open(database.config());
        String owner = storage.identities().createAccount("bench@example.org", null, AccessLevel.USER, Grant.none())
                .id();
        orgId = storage.identities().createOrganization("Bench", "bench", owner, Grant.none()).id();
        GraphType t = storage.metagraph().createGraphType("bench", null, GraphRules.strictDirected(), TypeScope.SYSTEM);
        storage.metagraph().createNodeType(t.id(), "item", null, """
                {"type": "object", "required": ["name", "weight"],
                 "properties": {"name": {"type": "string"}, "weight": {"type": "integer", "minimum": 0}}}""");
        systemGraph = storage.metagraph().createGraph(t.id(), "system", null, null, null);
        TenantStorage tenant = storage.tenant(orgId);
        tenantGraphs = tenant.metagraph();
        tenantGraph = tenantGraphs.createGraph(t.id(), "tenant", null, null, null);
    }

    @TearDown
    public void close() throws IOException {
        storage.close();
        database.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(StorageBench.BATCH)
    public int tenantBatch() {
        return tenantGraphs.addNodes(tenantGraph.id(), batch()).size();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(StorageBench.BATCH)
    public int systemBatch() {
        return storage.metagraph().addNodes(systemGraph.id(), batch()).size();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public TenantStorage tenantLookup() {
        return storage.tenant(orgId);
    }

    private List<NewNode> batch() {
        List<NewNode> nodes = new ArrayList<>(StorageBench.BATCH);
        for (int i = 0; i < StorageBench.BATCH; i++) {
            long n = counter++;
            nodes.add(new NewNode("item", "k" + n, JSON.createObjectNode().put("name", "node " + n).put("weight", n)));
        }
        return nodes;
    }
}
