package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The five event types and their payloads (DESIGN §4.1). Every frame carries the request id twice, as the envelope
 * {@code id} and as {@code payload.requestId}, because the TypeScript stack sends {@code id: ""} and reads only the
 * payload; on receipt either place is accepted.
 */
public final class Wire {

    public static final String REQUESTED = "call.requested";
    public static final String RESPONDED = "call.responded";
    public static final String COMPLETED = "call.completed";
    public static final String ABORTED = "call.aborted";
    public static final String ERROR = "call.error";

    private static final JsonNodeFactory NODES = FrameCodec.jsonMapper().getNodeFactory();

    private Wire() {
    }

    /**
     * A parsed {@code call.requested}.
     *
     * @param identity the raw {@code identity} field, or null; only a session whose peer is its head reads it
     */
    public record Request(String requestId, String operationId, JsonNode input, String parentRequestId,
            Long deadline, JsonNode identity) {
    }

    public static EventEnvelope requested(String requestId, String operationId, JsonNode input,
            String parentRequestId, Long deadline) {
        return requested(requestId, operationId, input, parentRequestId, deadline, null);
    }

    /**
     * @param identity the caller a head forwards for (see {@link IdentityJson}), or null
     */
    public static EventEnvelope requested(String requestId, String operationId, JsonNode input,
            String parentRequestId, Long deadline, Identity identity) {
        ObjectNode payload = withRequestId(requestId);
        payload.put("operationId", operationId);
        payload.set("input", input == null ? NullNode.getInstance() : input);
        if (parentRequestId != null) {
            payload.put("parentRequestId", parentRequestId);
        }
        if (deadline != null) {
            payload.put("deadline", deadline.longValue());
        }
        if (identity != null) {
            payload.set("identity", IdentityJson.toJson(identity));
        }
        return new EventEnvelope(REQUESTED, requestId, payload);
    }

    public static EventEnvelope responded(String requestId, JsonNode output) {
        ObjectNode payload = withRequestId(requestId);
        payload.set("output", output == null ? NullNode.getInstance() : output);
        return new EventEnvelope(RESPONDED, requestId, payload);
    }

    public static EventEnvelope completed(String requestId) {
        return new EventEnvelope(COMPLETED, requestId, withRequestId(requestId));
    }

    public static EventEnvelope aborted(String requestId) {
        return new EventEnvelope(ABORTED, requestId, withRequestId(requestId));
    }

    public static EventEnvelope error(String requestId, CallException error) {
        ObjectNode payload = withRequestId(requestId);
        payload.put("code", error.code().name());
        payload.put("message", error.getMessage() == null ? "" : error.getMessage());
        if (error.details() != null) {
            payload.set("details", error.details());
        }
        payload.put("retryable", error.retryable());
        return new EventEnvelope(ERROR, requestId, payload);
    }

    /** The request id of any call event: a non-empty {@code id}, else a non-empty {@code payload.requestId}. */
    public static String requestIdOf(EventEnvelope envelope) {
        if (!envelope.id().isEmpty()) {
            return envelope.id();
        }
        JsonNode id = envelope.payload().get("requestId");
        return id != null && id.isString() && !id.stringValue().isEmpty() ? id.stringValue() : null;
    }

    /**
     * Reads a {@code call.requested} payload.
     *
     * @throws ProtocolViolation when a field is missing or of the wrong type
     */
    public static Request parseRequest(EventEnvelope envelope) throws ProtocolViolation {
        String requestId = requestIdOf(envelope);
        if (requestId == null) {
            throw new ProtocolViolation(null, "call.requested without a requestId (neither id nor payload.requestId)");
        }
        JsonNode payload = envelope.payload();
        if (!payload.isObject()) {
            throw new ProtocolViolation(requestId, "call.requested payload must be an object, got "
                    + payload.getNodeType());
        }
        JsonNode operationId = payload.get("operationId");
        if (operationId == null || !operationId.isString() || operationId.stringValue().isEmpty()) {
            throw new ProtocolViolation(requestId, "call.requested needs a non-empty string operationId");
        }
        JsonNode input = payload.get("input");
        return new Request(requestId, operationId.stringValue(), input == null ? NullNode.getInstance() : input,
                optionalString(payload, "parentRequestId", requestId), optionalDeadline(payload, requestId),
                payload.get("identity"));
    }

    /** Reads a {@code call.error} payload leniently: a peer's error is reported even when it is oddly shaped. */
    public static CallException parseError(JsonNode payload) {
        JsonNode code = payload.get("code");
        JsonNode message = payload.get("message");
        JsonNode details = payload.get("details");
        JsonNode retryable = payload.get("retryable");
        return new CallException(
                code != null && code.isString() ? ErrorCode.fromWire(code.stringValue()) : ErrorCode.UNKNOWN_ERROR,
                message != null && message.isString() ? message.stringValue() : "the peer reported an error",
                details == null || details.isNull() ? null : details,
                retryable != null && retryable.isBoolean() && retryable.booleanValue());
    }

    /** The output of a {@code call.responded}; a missing one reads as JSON null. */
    public static JsonNode outputOf(JsonNode payload) {
        JsonNode output = payload.get("output");
        return output == null ? NullNode.getInstance() : output;
    }

    private static String optionalString(JsonNode payload, String field, String requestId) throws ProtocolViolation {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ProtocolViolation(requestId, field + " must be a string, got " + value.getNodeType());
        }
        return value.stringValue();
    }

    private static Long optionalDeadline(JsonNode payload, String requestId) throws ProtocolViolation {
        JsonNode value = payload.get("deadline");
        if (value == null || value.isNull()) {
            return null;
        }
        // JavaScript has only doubles; Date.now() + ms serialises as an integer, but accept a fraction too.
        if (!value.isNumber()) {
            throw new ProtocolViolation(requestId, "deadline must be epoch milliseconds, got " + value.getNodeType());
        }
        return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : (long) value.doubleValue();
    }

    private static ObjectNode withRequestId(String requestId) {
        ObjectNode payload = NODES.objectNode();
        payload.put("requestId", requestId);
        return payload;
    }
}
