package dev.alknet.host;

import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallObserver;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.callproto.OperationType;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.flowgraph.CallErrorInfo;
import dev.alknet.flowgraph.CallEvent;
import dev.alknet.flowgraph.CallGraph;
import dev.alknet.flowgraph.GraphExport;
import tools.jackson.databind.JsonNode;

/**
 * The head's live call graph: every call its registry runs (from clients, nested, and those it forwards to workers,
 * which are its own operations) feeds a flow-graph {@link CallGraph}, and {@code /{node}/flow/calls} shows it. Inputs and
 * outputs are not kept: the graph is about who called what, when and how it ended, and inputs may hold anything.
 */
final class CallFlow implements CallObserver {

    static final String OPERATION_SUFFIX = "/flow/calls";
    /** The scope (or {@code admin}) a caller needs to see the call graph: it shows who called what. */
    static final String SCOPE = "flow:read";
    private static final String INPUT = """
            {"type": "object", "properties": {"format": {"enum": ["json", "dot", "mermaid"]}},
             "additionalProperties": false}""";

    private final CallGraph graph = CallGraph.create();

    /** Observes {@code registry} and adds {@code /{node}/flow/calls} to it. */
    static CallFlow install(OperationRegistry registry, String node) {
        CallFlow flow = new CallFlow();
        registry.observer(flow);
        registry.query("/" + node + OPERATION_SUFFIX, spec -> spec
                        .access(AccessControl.anyOf(SCOPE, "admin"))
                        .inputSchema(FrameCodec.jsonMapper().readTree(INPUT)),
                (input, env) -> flow.export(input.path("format").asString("json")));
        return flow;
    }

    CallGraph graph() {
        return graph;
    }

    private JsonNode export(String format) {
        return switch (format) {
            case "dot" -> FrameCodec.jsonMapper().createObjectNode().put("dot",
                    GraphExport.toDot(graph.snapshot()));
            case "mermaid" -> FrameCodec.jsonMapper().createObjectNode().put("mermaid",
                    GraphExport.toMermaid(graph.snapshot()));
            default -> GraphExport.toJson(graph.snapshot());
        };
    }

    @Override
    public void requested(String requestId, String operationId, JsonNode input, String parentRequestId,
            Identity caller, OperationType type) {
        graph.onEvent(new CallEvent.Requested(requestId, operationId, null, parentRequestId, caller.id(),
                type == OperationType.SUBSCRIPTION));
    }

    @Override
    public void started(String requestId) {
        graph.onEvent(new CallEvent.Started(requestId));
    }

    @Override
    public void responded(String requestId, JsonNode output) {
        graph.onEvent(new CallEvent.Responded(requestId, null));
    }

    @Override
    public void completed(String requestId) {
        graph.onEvent(new CallEvent.Completed(requestId));
    }

    @Override
    public void failed(String requestId, CallException error) {
        graph.onEvent(new CallEvent.Error(requestId, new CallErrorInfo(error.code().name(), error.getMessage())));
    }

    @Override
    public void aborted(String requestId) {
        graph.onEvent(new CallEvent.Aborted(requestId));
    }
}
