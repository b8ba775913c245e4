package dev.alknet.flowgraph;

import tools.jackson.databind.JsonNode;

/** Reads call events from EventEnvelope JSON ({@code {"type","id","payload"}}, alknet-spec §2.8.1). */
public final class CallEvents {

    private CallEvents() {
    }

    /**
     * The event an envelope carries. The request id is {@code payload.requestId}, else the envelope's {@code id}
     * (DESIGN §4.1: accept either). A {@link CallEvent.Requested} has no caller yet; see
     * {@link CallEvent.Requested#withCaller}.
     *
     * @throws IllegalArgumentException naming what is missing or of the wrong kind
     */
    public static CallEvent fromEnvelope(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            throw new IllegalArgumentException("an event envelope must be a JSON object");
        }
        String type = string(envelope, "type", "envelope");
        if (type == null) {
            throw new IllegalArgumentException("event envelope: type must be a string");
        }
        JsonNode payload = envelope.path("payload");
        String requestId = string(payload, "requestId", type);
        if (requestId == null || requestId.isEmpty()) {
            requestId = string(envelope, "id", type);
        }
        if (requestId == null || requestId.isEmpty()) {
            throw new IllegalArgumentException(type + ": no request id (payload.requestId or id)");
        }
        return switch (type) {
            case "call.requested" -> {
                String operationId = string(payload, "operationId", type);
                if (operationId == null) {
                    throw new IllegalArgumentException(type + " " + requestId + ": operationId must be a string");
                }
                yield new CallEvent.Requested(requestId, operationId, payload.get("input"),
                        string(payload, "parentRequestId", type), null, false);
            }
            case "call.responded" -> new CallEvent.Responded(requestId, payload.get("output"));
            case "call.completed" -> new CallEvent.Completed(requestId);
            case "call.error" -> {
                String code = string(payload, "code", type);
                String message = string(payload, "message", type);
                if (code == null) {
                    throw new IllegalArgumentException(type + " " + requestId + ": code must be a string");
                }
                yield new CallEvent.Error(requestId, new CallErrorInfo(code, message == null ? "" : message));
            }
            case "call.aborted" -> new CallEvent.Aborted(requestId);
            default -> throw new IllegalArgumentException("unknown call event type '" + type + "'");
        };
    }

    /** A string field, null when absent or null; an error when present with another kind. */
    private static String string(JsonNode object, String field, String where) {
        JsonNode value = object.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(where + ": " + field + " must be a string, got " + value.getNodeType());
        }
        return value.stringValue();
    }
}
