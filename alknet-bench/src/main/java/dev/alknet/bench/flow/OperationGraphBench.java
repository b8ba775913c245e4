package dev.alknet.bench.flow;

import dev.alknet.flowgraph.Compatibility;
import dev.alknet.flowgraph.OperationGraph;
import dev.alknet.flowgraph.OperationNode;
import dev.alknet.flowgraph.SchemaCompatibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Building the operation graph of {@value #SPECS} specs (JSON in, every ordered pair's schemas compared). The specs
 * take and return objects of 2-4 properties drawn from 40 names with mixed types, so pairs range from compatible
 * to near misses to unrelated. Target (issue 7): < 1 s. Anchor: the same parsing and the same pairwise checks into
 * a plain HashMap adjacency list, so what JGraphT adds is visible.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(2)
public class OperationGraphBench {

    static final int SPECS = 1_000;
    private static final String[] TYPES = {"string", "integer", "number", "boolean"};

    private final List<JsonNode> specs = specs(new Random(7));

    private static List<JsonNode> specs(Random random) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<JsonNode> specs = new ArrayList<>(SPECS);
        for (int i = 0; i < SPECS; i++) {
            ObjectNode spec = json.objectNode();
            spec.put("name", "/node" + (i % 10) + "/svc" + (i % 37) + "/op" + i);
            spec.put("op_type", i % 3 == 0 ? "mutation" : "query");
            spec.set("input_schema", object(random, json));
            spec.set("output_schema", object(random, json));
            specs.add(spec);
        }
        return specs;
    }

    private static ObjectNode object(Random random, JsonNodeFactory json) {
        ObjectNode schema = json.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        int count = 2 + random.nextInt(3);
        for (int p = 0; p < count; p++) {
            String name = "field" + random.nextInt(40);
            ObjectNode property = properties.putObject(name);
            if (random.nextInt(8) == 0) {
                property.put("type", "array").putObject("items").put("type", TYPES[random.nextInt(TYPES.length)]);
            } else {
                property.put("type", TYPES[random.nextInt(TYPES.length)]);
            }
            if (random.nextBoolean()) {
                required.add(name);
            }
        }
        return schema;
    }

    @Benchmark
    public OperationGraph operationGraph() {
        return OperationGraph.fromJson(specs);
    }

    @Benchmark
    public Map<String, List<String>> hashMapAdjacency() {
        List<OperationNode> nodes = new ArrayList<>(specs.size());
        for (JsonNode spec : specs) {
            nodes.add(OperationNode.fromJson(spec));
        }
        SchemaCompatibility schemas = new SchemaCompatibility();
        Map<String, List<String>> edges = new HashMap<>();
        for (OperationNode source : nodes) {
            for (OperationNode target : nodes) {
                if (source == target) {
                    continue;
                }
                Compatibility fit = schemas.check(source.outputSchema(), target.inputSchema());
                if (fit instanceof Compatibility.Compatible || fit instanceof Compatibility.Incompatible) {
                    edges.computeIfAbsent(source.name(), k -> new ArrayList<>()).add(target.name());
                }
            }
        }
        return edges;
    }
}
