package dev.alknet.storage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One change to identities, written in the same transaction as the change.
 *
 * @param action e.g. {@code account.created}, {@code credential.revoked}, {@code member.added}
 * @param ownerId the account the change concerns, if any
 * @param details facts of the change; never secrets
 */
public record AuditEntry(String id, String action, String ownerId, String credentialId, String credentialType,
        String orgId, JsonNode details, Instant at) {
}
