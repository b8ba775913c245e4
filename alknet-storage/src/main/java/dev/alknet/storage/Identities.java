package dev.alknet.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, organisations, memberships, SSH keys and API keys: what {@link StorageIdentityProvider} resolves
 * credentials against. Every change is one transaction that also writes its {@link AuditEntry}, and every change
 * is seen by the next resolution of the providers of the same {@link StorageService}.
 */
public interface Identities {

    /**
     * @param email unique, compared and stored lower-case
     * @throws StorageException ALREADY_EXISTS when the email is taken, INVALID when it is not an address
     */
    Account createAccount(String email, String displayName, AccessLevel level, Grant grant);

    Optional<Account> account(String accountId);

    Optional<Account> accountByEmail(String email);

    Account setStatus(String accountId, AccountStatus status);

    Account setGrant(String accountId, Grant grant);

    /**
     * Creates an organisation and makes {@code ownerId} its {@link MembershipLevel#OWNER}.
     *
     * @param slug lower-case letters, digits and inner hyphens, at most 63 characters
     */
    Organization createOrganization(String name, String slug, String ownerId, Grant grant);

    Optional<Organization> organization(String orgId);

    Organization setOrganizationGrant(String orgId, Grant grant);

    /** Adds a member, or changes the level of an existing one. */
    Membership addMember(String orgId, String accountId, MembershipLevel level);

    boolean removeMember(String orgId, String accountId);

    List<Membership> memberships(String accountId);

    /**
     * Stores an SSH public key of {@code ownerId}.
     *
     * @param publicKeyLine one OpenSSH public key line, {@code type base64 [comment]} (no authorized_keys options)
     * @param expiresAt when it stops authenticating, or {@code null}
     * @throws StorageException INVALID saying what is wrong with the line, ALREADY_EXISTS when the key is stored
     */
    PeerCredential addPeerCredential(String ownerId, CredentialType type, String publicKeyLine, String name,
            Instant expiresAt);

    Optional<PeerCredential> peerCredentialByFingerprint(String fingerprint);

    List<PeerCredential> peerCredentials(String ownerId);

    /** Revokes for good; false when there was no such credential or it was already revoked. */
    boolean revokePeerCredential(String credentialId);

    /** Issues a new API key; only its hash is stored. */
    IssuedApiKey createApiKey(String ownerId, String name, Instant expiresAt);

    List<ApiKey> apiKeys(String ownerId);

    boolean revokeApiKey(String apiKeyId);

    /**
     * Replaces an API key: issues a new one for the same owner, name and expiry, links the old one to it
     * ({@code rotated_to_id}) and lets the old one work for {@code grace} more (its expiry becomes the earlier of
     * its own and now + grace), so clients can switch without an outage.
     *
     * @param grace zero to stop the old key at once; not negative
     * @throws StorageException {@code NOT_FOUND} for an unknown key; {@code INVALID} for a revoked key, a key already
     *     rotated, or a negative grace
     */
    IssuedApiKey rotateApiKey(String apiKeyId, Duration grace);

    /** The audit entries concerning an account, oldest first. */
    List<AuditEntry> auditLog(String accountId);
}
