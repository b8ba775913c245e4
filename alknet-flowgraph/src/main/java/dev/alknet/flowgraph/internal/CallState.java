package dev.alknet.flowgraph.internal;

import dev.alknet.flowgraph.AbortPolicy;
import dev.alknet.flowgraph.CallErrorInfo;
import dev.alknet.flowgraph.CallNode;
import dev.alknet.flowgraph.CallStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** The mutable record of one call inside the call graph; only the graph, under its lock, touches it. */
public final class CallState {

    public final String requestId;
    public final String operationId;
    public final String parentRequestId;
    public final JsonNode input;
    public final String identityId;
    public final boolean subscription;
    public CallStatus status = CallStatus.PENDING;
    public JsonNode output;
    public CallErrorInfo error;
    public Instant startedAt;
    public Instant endedAt;
    public AbortPolicy abortPolicy = AbortPolicy.ABORT_DEPENDENTS;

    public CallState(String requestId, String operationId, String parentRequestId, JsonNode input, String identityId,
            boolean subscription) {
        this.requestId = requestId;
        this.operationId = operationId;
        this.parentRequestId = parentRequestId;
        this.input = input;
        this.identityId = identityId;
        this.subscription = subscription;
    }

    public CallNode snapshot() {
        return new CallNode(requestId, operationId, status, parentRequestId, input, output, error, identityId,
                startedAt, endedAt, subscription, abortPolicy);
    }
}
