package dev.alknet.storage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A claimed job of a {@link WorkQueue}.
 *
 * @param attempts how many times it has been claimed, this claim included
 * @param claimToken identifies this claim; an ack or release with an older claim's token does nothing
 * @param visibleAgainAt when another worker may claim it if this one neither acks nor releases it
 */
public record Job(String id, String queue, JsonNode payload, int attempts, String claimToken, Instant visibleAgainAt) {
}
