package dev.alknet.flowgraph;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A call-protocol event as the call graph needs it (alknet-spec §2.8.2), independent of alknet-callproto's types:
 * the host turns what its sessions see into these (or parses envelopes with {@link CallEvents#fromEnvelope}).
 */
public sealed interface CallEvent {

    String requestId();

    /** The wire type ({@code call.requested}, ...); {@link Started} is local and has {@code call.started}. */
    String type();

    /**
     * {@code call.requested}.
     *
     * @param parentRequestId the call that issued this one, or null
     * @param identityId the authenticated caller (never the payload's identity), or null
     * @param subscription true for a subscription (its first response does not complete it)
     */
    record Requested(String requestId, String operationId, JsonNode input, String parentRequestId,
            String identityId, boolean subscription) implements CallEvent {
        public Requested {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(operationId, "operationId");
        }

        /** The same request with the caller and kind the host knows (the wire does not carry them). */
        public Requested withCaller(String identityId, boolean subscription) {
            return new Requested(requestId, operationId, input, parentRequestId, identityId, subscription);
        }

        @Override
        public String type() {
            return "call.requested";
        }
    }

    /** The handler started: not on the wire; the handling side reports it (a caller never sees it). */
    record Started(String requestId) implements CallEvent {
        public Started {
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public String type() {
            return "call.started";
        }
    }

    /** {@code call.responded}: completes a call; one more item of a subscription. */
    record Responded(String requestId, JsonNode output) implements CallEvent {
        public Responded {
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public String type() {
            return "call.responded";
        }
    }

    /** {@code call.completed}: the end of a subscription. */
    record Completed(String requestId) implements CallEvent {
        public Completed {
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public String type() {
            return "call.completed";
        }
    }

    /** {@code call.error}. */
    record Error(String requestId, CallErrorInfo error) implements CallEvent {
        public Error {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String type() {
            return "call.error";
        }
    }

    /** {@code call.aborted}. */
    record Aborted(String requestId) implements CallEvent {
        public Aborted {
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public String type() {
            return "call.aborted";
        }
    }
}
