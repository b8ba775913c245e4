package dev.alknet.core.frame;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One message of the call protocol: {@code {"type": ..., "id": ..., "payload": ...}} on the wire.
 *
 * @param type the event type, e.g. {@code call.requested}; never empty
 * @param id the correlation key (a requestId, a topic) or {@code ""} for broadcasts; the TypeScript stack sends
 *     {@code ""} and carries the requestId in the payload, so readers must accept either place
 * @param payload any JSON; a Java {@code null} becomes JSON {@code null} so that equal envelopes have one form.
 *     The node is not copied (a deep copy per frame would double decode cost): treat it as frozen once the
 *     envelope is built
 */
public record EventEnvelope(String type, String id, JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("envelope type must not be empty");
        }
        Objects.requireNonNull(id, "id");
        if (payload == null) {
            payload = NullNode.getInstance();
        }
    }
}
