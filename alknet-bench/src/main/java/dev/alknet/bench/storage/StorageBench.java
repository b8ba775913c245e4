package dev.alknet.bench.storage;

import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.StorageService;
import dev.alknet.storage.StreamSubscription;
import dev.alknet.storage.TypeScope;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * alknet-storage on SQLite (a file in a temp directory, WAL, synchronous=FULL; {@link PostgresStorageBench} runs the
 * same on PostgreSQL):
 * <ul>
 *   <li>batched node inserts — {@code addNodes} of {@value #BATCH} nodes per call, each schema-checked and
 *       published to the graph's stream — against raw JDBC inserting the same rows (same table, same pragmas, one
 *       transaction, {@code executeBatch}) in the same run. Targets (issue 6): ≥ 20,000 nodes/s and ≥ 0.7x raw.</li>
 *   <li>stream publish → subscriber wake-up in the same process. Target: p50 &lt; 5 ms.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StorageBench {

    static final int BATCH = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCHEMA = """
            {"type": "object", "required": ["name", "weight"],
             "properties": {"name": {"type": "string"}, "weight": {"type": "integer", "minimum": 0}}}""";

    private BenchDatabase database;
    private StorageService storage;
    private Metagraph mg;
    private Graph graph;
    private Graph rawGraph;
    private Connection raw;
    private long counter;
    private StreamSubscription subscription;
    private final BlockingQueue<Long> woken = new LinkedBlockingQueue<>();
    private final JsonNode event = JSON.createObjectNode().put("tick", true);

    /** The database this run measures; subclasses choose another dialect. */
    protected BenchDatabase database() throws IOException {
        return BenchDatabase.sqlite();
    }

    @Setup
    public void open() throws IOException, SQLException {
        database = database();
        storage = StorageService.open(database.config());
        mg = storage.metagraph();
        GraphType t = mg.createGraphType("bench", null, GraphRules.strictDirected(), TypeScope.USER);
        mg.createNodeType(t.id(), "item", null, SCHEMA);
        graph = mg.createGraph(t.id(), "g", null, null, null);
        rawGraph = mg.createGraph(t.id(), "raw", null, null, null);
        raw = database.rawConnection();
        subscription = storage.streams().subscribe("bench-wake", "bench", e -> woken.add(e.position()),
                Duration.ofSeconds(1));
    }

    @TearDown
    public void close() throws SQLException, IOException {
        subscription.close();
        raw.close();
        storage.close();
        database.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public int metagraphBatch() {
        List<NewNode> nodes = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long n = counter++;
            nodes.add(new NewNode("item", "k" + n, JSON.createObjectNode().put("name", "node " + n).put("weight", n)));
        }
        return mg.addNodes(graph.id(), nodes).size();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public int rawJdbcBatch() throws SQLException {
        long now = System.currentTimeMillis() / 1000;
        raw.setAutoCommit(false);
        try (PreparedStatement s = raw.prepareStatement("INSERT INTO nodes (id, graph_id, key, node_type, attributes, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < BATCH; i++) {
                long n = counter++;
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, rawGraph.id());
                s.setString(3, "k" + n);
                s.setString(4, "item");
                s.setString(5, JSON.writeValueAsString(JSON.createObjectNode().put("name", "node " + n)
                        .put("weight", n)));
                s.setLong(6, now);
                s.setLong(7, now);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            raw.commit();
            return counts.length;
        } finally {
            raw.setAutoCommit(true);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Long publishToWakeUp() throws InterruptedException {
        long position = storage.streams().publish("bench-wake", "tick", event);
        Long seen;
        do {
            seen = woken.poll(10, TimeUnit.SECONDS);
        } while (seen != null && seen < position);
        return seen;
    }
}
