package dev.alknet.storage;

import java.time.Instant;

/** An account's place in an organisation. */
public record Membership(String orgId, String accountId, MembershipLevel level, Instant createdAt) {
}
