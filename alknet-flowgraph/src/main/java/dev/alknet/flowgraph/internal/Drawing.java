package dev.alknet.flowgraph.internal;

import dev.alknet.flowgraph.CallEdge;
import dev.alknet.flowgraph.CallEdgeType;
import dev.alknet.flowgraph.CallGraphSnapshot;
import dev.alknet.flowgraph.CallNode;
import dev.alknet.flowgraph.OperationEdge;
import dev.alknet.flowgraph.OperationGraph;
import dev.alknet.flowgraph.OperationNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Either graph reduced to what a picture shows, so the DOT and Mermaid writers need not know which graph it was.
 * Boxes get synthetic ids ({@code n0}, {@code n1}, ...) in key order; real names appear only in labels.
 *
 * @param boxes in key order
 */
public record Drawing(String name, List<Box> boxes, List<Arrow> arrows) {

    /** @param kind a style name: the op type, or the call status */
    public record Box(String id, List<String> lines, String kind) {
    }

    /** @param label may be null; @param kind a style name */
    public record Arrow(String source, String target, String label, boolean dashed, String kind) {
    }

    public static Drawing of(OperationGraph graph) {
        List<String> keys = graph.nodes().stream().map(OperationNode::name).toList();
        List<Box> boxes = new ArrayList<>();
        for (OperationNode node : graph.nodes()) {
            boxes.add(new Box(id(keys, node.name()), List.of(node.name(), node.type().wireName()),
                    node.type().wireName()));
        }
        List<Arrow> arrows = new ArrayList<>();
        for (OperationEdge edge : graph.edges()) {
            arrows.add(new Arrow(id(keys, edge.source()), id(keys, edge.target()), edge.detail(), !edge.compatible(),
                    edge.compatible() ? "compatible" : "incompatible"));
        }
        return new Drawing("operations", boxes, arrows);
    }

    public static Drawing of(CallGraphSnapshot graph) {
        List<String> keys = graph.calls().stream().map(CallNode::requestId).toList();
        List<Box> boxes = new ArrayList<>();
        for (CallNode call : graph.calls()) {
            boxes.add(new Box(id(keys, call.requestId()), List.of(call.requestId(), call.operationId(),
                    call.status().wireName()), call.status().wireName()));
        }
        List<Arrow> arrows = new ArrayList<>();
        for (CallEdge edge : graph.edges()) {
            boolean depends = edge.type() == CallEdgeType.DEPENDS_ON;
            arrows.add(new Arrow(id(keys, edge.source()), id(keys, edge.target()),
                    depends ? edge.type().wireName() : null, depends, edge.type().wireName()));
        }
        return new Drawing("calls", boxes, arrows);
    }

    /** Keys are sorted, so a binary search finds the box number. */
    private static String id(List<String> sortedKeys, String key) {
        return "n" + Collections.binarySearch(sortedKeys, key);
    }
}
