package dev.alknet.flowgraph;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot of one call. JSON values are shared with the graph, not copied: treat them as read-only.
 *
 * @param parentRequestId the call that issued this one, as the request said (the parent may not be in the graph)
 * @param output the response (a subscription's latest item), or null
 * @param error why it failed, or null
 * @param identityId the caller's identity id (from the authenticated session), or null
 * @param startedAt when it became Running, or null
 * @param endedAt when it reached a terminal status, or null
 * @param subscription whether it is a subscription (ends with {@code call.completed}, not the first response)
 */
public record CallNode(String requestId, String operationId, CallStatus status, String parentRequestId,
        JsonNode input, JsonNode output, CallErrorInfo error, String identityId, Instant startedAt, Instant endedAt,
        boolean subscription, AbortPolicy abortPolicy) {

    /** {@code endedAt − startedAt} once both are known. */
    public Optional<Duration> duration() {
        return startedAt == null || endedAt == null ? Optional.empty()
                : Optional.of(Duration.between(startedAt, endedAt));
    }
}
