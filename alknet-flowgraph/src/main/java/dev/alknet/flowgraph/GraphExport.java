package dev.alknet.flowgraph;

import dev.alknet.flowgraph.internal.DotWriter;
import dev.alknet.flowgraph.internal.Drawing;
import dev.alknet.flowgraph.internal.MermaidWriter;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Both graphs as JSON (stable and versioned, documented in docs/flowgraph.md), Graphviz DOT and Mermaid. Output is
 * deterministic: nodes by key, edges by source then target, fields in a fixed order.
 */
public final class GraphExport {

    /** The {@code version} of both JSON formats; bumped on any incompatible change. */
    public static final int JSON_VERSION = 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GraphExport() {
    }

    public static ObjectNode toJson(OperationGraph graph) {
        ObjectNode root = header("alknet.flowgraph.operations");
        ArrayNode nodes = root.putArray("nodes");
        for (OperationNode node : graph.nodes()) {
            ObjectNode out = nodes.addObject();
            out.put("name", node.name());
            out.put("namespace", node.namespace());
            out.put("op_type", node.type().wireName());
            out.set("input_schema", orNull(node.inputSchema()));
            out.set("output_schema", orNull(node.outputSchema()));
        }
        ArrayNode edges = root.putArray("edges");
        for (OperationEdge edge : graph.edges()) {
            ObjectNode out = edges.addObject();
            out.put("source", edge.source());
            out.put("target", edge.target());
            out.put("edge_type", OperationEdge.EDGE_TYPE);
            out.put("compatible", edge.compatible());
            out.put("detail", edge.detail());
        }
        return root;
    }

    public static ObjectNode toJson(CallGraphSnapshot graph) {
        ObjectNode root = header("alknet.flowgraph.calls");
        ArrayNode nodes = root.putArray("nodes");
        for (CallNode call : graph.calls()) {
            ObjectNode out = nodes.addObject();
            out.put("request_id", call.requestId());
            out.put("operation_id", call.operationId());
            out.put("status", call.status().wireName());
            out.put("parent_request_id", call.parentRequestId());
            out.put("subscription", call.subscription());
            out.put("abort_policy", call.abortPolicy().wireName());
            out.put("identity_id", call.identityId());
            out.put("started_at", time(call.startedAt()));
            out.put("completed_at", time(call.endedAt()));
            out.set("input", orNull(call.input()));
            out.set("output", orNull(call.output()));
            if (call.error() == null) {
                out.putNull("error");
            } else {
                out.putObject("error").put("code", call.error().code()).put("message", call.error().message());
            }
        }
        ArrayNode edges = root.putArray("edges");
        for (CallEdge edge : graph.edges()) {
            ObjectNode out = edges.addObject();
            out.put("source", edge.source());
            out.put("target", edge.target());
            out.put("edge_type", edge.type().wireName());
        }
        return root;
    }

    public static String toDot(OperationGraph graph) {
        return DotWriter.write(Drawing.of(graph));
    }

    public static String toDot(CallGraphSnapshot graph) {
        return DotWriter.write(Drawing.of(graph));
    }

    public static String toMermaid(OperationGraph graph) {
        return MermaidWriter.write(Drawing.of(graph));
    }

    public static String toMermaid(CallGraphSnapshot graph) {
        return MermaidWriter.write(Drawing.of(graph));
    }

    private static ObjectNode header(String format) {
        ObjectNode root = JSON.objectNode();
        root.put("format", format);
        root.put("version", JSON_VERSION);
        return root;
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null ? JSON.nullNode() : value;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
