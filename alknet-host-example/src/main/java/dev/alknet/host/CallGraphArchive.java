package dev.alknet.host;

import dev.alknet.core.frame.FrameCodec;
import dev.alknet.flowgraph.AbortPolicy;
import dev.alknet.flowgraph.CallEdge;
import dev.alknet.flowgraph.CallEdgeType;
import dev.alknet.flowgraph.CallErrorInfo;
import dev.alknet.flowgraph.CallGraphSnapshot;
import dev.alknet.flowgraph.CallNode;
import dev.alknet.flowgraph.CallStatus;
import dev.alknet.storage.Edge;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphStatus;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewEdge;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.Node;
import dev.alknet.storage.TypeScope;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps call-graph snapshots in the storage metagraph, so a head's call trees outlive its memory: each snapshot
 * becomes one archived graph of the system graph type {@value #GRAPH_TYPE}, a node {@value #CALL} per call (key =
 * request id) and an edge per {@code triggered} / {@code depends_on} relation.
 *
 * <p>It lives in the host because it needs both alknet-flowgraph and alknet-storage, which depend on nothing of each
 * other (docs/flowgraph.md, "Persistence").
 */
final class CallGraphArchive {

    static final String GRAPH_TYPE = "call-graph";
    static final String CALL = "call";
    /** The owner recorded on archived call graphs, so they can be listed with {@code graphsOwnedBy}. */
    static final String OWNER = "alknet-host";
    private static final String CALL_SCHEMA = """
            {"type": "object", "required": ["operation_id", "status"],
             "properties": {
              "operation_id": {"type": "string"}, "status": {"type": "string"},
              "parent_request_id": {"type": ["string", "null"]}, "identity_id": {"type": ["string", "null"]},
              "started_at": {"type": ["string", "null"]}, "ended_at": {"type": ["string", "null"]},
              "subscription": {"type": "boolean"}, "abort_policy": {"type": "string"},
              "error": {"type": ["object", "null"], "required": ["code", "message"]}}}""";

    private final Metagraph metagraph;
    private final String graphTypeId;

    private CallGraphArchive(Metagraph metagraph, String graphTypeId) {
        this.metagraph = metagraph;
        this.graphTypeId = graphTypeId;
    }

    /** Uses the {@value #GRAPH_TYPE} type of {@code metagraph}, creating it and its node and edge types once. */
    static CallGraphArchive in(Metagraph metagraph) {
        GraphType type = metagraph.graphTypeByName(GRAPH_TYPE).orElseGet(() -> {
            GraphType created = metagraph.createGraphType(GRAPH_TYPE, "calls and what triggered them",
                    GraphRules.strictDirected(), TypeScope.SYSTEM);
            metagraph.createNodeType(created.id(), CALL, "one call of the call protocol", CALL_SCHEMA);
            for (CallEdgeType edge : CallEdgeType.values()) {
                metagraph.createEdgeType(created.id(), edge.wireName(), null,
                        FrameCodec.jsonMapper().createObjectNode(), List.of(CALL), List.of(CALL));
            }
            return created;
        });
        return new CallGraphArchive(metagraph, type.id());
    }

    /**
     * Stores {@code snapshot} as a new graph named {@code name} and archives it (read-only from then on). The
     * metagraph writes in several transactions, so a save that fails part-way deletes its draft again: either the
     * whole snapshot is archived or nothing is left.
     */
    Graph save(String name, CallGraphSnapshot snapshot) {
        Graph graph = metagraph.createGraph(graphTypeId, name, null, OWNER, null);
        try {
            metagraph.addNodes(graph.id(), snapshot.calls().stream()
                    .map(call -> new NewNode(CALL, call.requestId(), attributes(call))).toList());
            metagraph.addEdges(graph.id(), snapshot.edges().stream()
                    .map(edge -> NewEdge.of(edge.type().wireName(), edge.source(), edge.target(),
                            FrameCodec.jsonMapper().createObjectNode()))
                    .toList());
            return metagraph.setStatus(graph.id(), GraphStatus.ARCHIVED);
        } catch (RuntimeException e) {
            metagraph.deleteGraph(graph.id());
            throw e;
        }
    }

    /** The snapshot stored as graph {@code graphId}, calls by request id and edges sorted as a live graph's. */
    CallGraphSnapshot load(String graphId) {
        List<CallNode> calls = metagraph.nodes(graphId, CALL).stream()
                .map(CallGraphArchive::call)
                .sorted(Comparator.comparing(CallNode::requestId))
                .toList();
        List<CallEdge> edges = metagraph.edges(graphId).stream()
                .map(CallGraphArchive::edge)
                .sorted(Comparator.comparing(CallEdge::source).thenComparing(CallEdge::target)
                        .thenComparing(CallEdge::type))
                .toList();
        return new CallGraphSnapshot(calls, edges);
    }

    private static ObjectNode attributes(CallNode call) {
        ObjectNode out = FrameCodec.jsonMapper().createObjectNode();
        out.put("operation_id", call.operationId());
        out.put("status", call.status().wireName());
        out.put("parent_request_id", call.parentRequestId());
        out.put("identity_id", call.identityId());
        out.put("started_at", call.startedAt() == null ? null : call.startedAt().toString());
        out.put("ended_at", call.endedAt() == null ? null : call.endedAt().toString());
        out.put("subscription", call.subscription());
        out.put("abort_policy", call.abortPolicy().wireName());
        if (call.input() != null) {
            out.set("input", call.input());
        }
        if (call.output() != null) {
            out.set("output", call.output());
        }
        if (call.error() == null) {
            out.putNull("error");
        } else {
            out.putObject("error").put("code", call.error().code()).put("message", call.error().message());
        }
        return out;
    }

    private static CallNode call(Node node) {
        JsonNode a = node.attributes();
        JsonNode error = a.path("error");
        return new CallNode(node.key(), a.get("operation_id").stringValue(),
                byWireName(CallStatus.values(), CallStatus::wireName, a.get("status").stringValue()),
                text(a, "parent_request_id"), a.get("input"), a.get("output"),
                error.isObject() ? new CallErrorInfo(error.get("code").stringValue(),
                        error.get("message").stringValue()) : null,
                text(a, "identity_id"), time(a, "started_at"), time(a, "ended_at"),
                a.path("subscription").booleanValue(),
                byWireName(AbortPolicy.values(), AbortPolicy::wireName, a.get("abort_policy").stringValue()));
    }

    private static CallEdge edge(Edge edge) {
        return new CallEdge(edge.sourceKey(), edge.targetKey(),
                byWireName(CallEdgeType.values(), CallEdgeType::wireName, edge.type()));
    }

    private static String text(JsonNode attributes, String field) {
        JsonNode value = attributes.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }

    private static Instant time(JsonNode attributes, String field) {
        String text = text(attributes, field);
        return text == null ? null : Instant.parse(text);
    }

    private static <E> E byWireName(E[] values, Function<E, String> name, String wire) {
        return Arrays.stream(values).filter(v -> name.apply(v).equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalStateException("stored call graph holds an unknown value '" + wire
                        + "'"));
    }
}
