package dev.alknet.storage.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alknet.core.Identity;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.Grant;
import dev.alknet.storage.Streams;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Credential → account → memberships → identity, with a Caffeine cache in front.
 *
 * <p>The cache holds what does not depend on the clock (enabled, revoked, account status, grants); expiry is
 * checked by the caller on every use, so an entry never outlives its credential. Changes made through this
 * process's {@code Identities} call {@link #invalidateAll()} after they commit. A load racing with a change cannot
 * leave its stale result behind: loads note the change generation first and drop their entry when a change
 * happened meanwhile. Changes written by another process are noticed by {@link #refreshIfChanged()} as soon as the
 * change watcher sees a commit; {@code ttl} bounds staleness should the watcher fail.
 */
public final class IdentityResolver {

    /**
     * A usable credential and the identity of its account.
     *
     * @param identity its id is the account id
     * @param fingerprint the SSH key's fingerprint, {@code null} for API keys
     * @param rawEd25519 the raw public key when it is an Ed25519 SSH key, else {@code null}
     * @param expiresAt {@code null} for never
     * @param apiKeyId the API key's id, {@code null} for SSH keys
     */
    public record Resolved(Identity identity, String fingerprint, byte[] rawEd25519, Instant expiresAt,
            String apiKeyId) {

        public boolean usableAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    /**
     * A certificate authority its owner may use now, apart from expiry.
     *
     * @param line the CA key as one OpenSSH line
     * @param expiresAt {@code null} for never
     */
    public record Authority(String fingerprint, String line, Instant expiresAt) {

        public boolean usableAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    /** Usable credentials of one type (the first parameter) with a usable owner. */
    private static final String USABLE = "FROM peer_credentials c JOIN accounts a ON a.id = c.owner_id "
            + "WHERE c.credential_type = ? AND c.enabled = ? AND c.revoked_at IS NULL AND a.status = 'active'";
    private static final String BY_CREDENTIAL = "SELECT c.owner_id, c.fingerprint, c.public_key_data, c.expires_at "
            + USABLE + " AND ";

    private static final String SSH_KEY = CredentialType.SSH_KEY.dbName();
    private static final String CERT_AUTHORITY = CredentialType.CERT_AUTHORITY.dbName();

    private final Database db;
    private final ApiKeyUsage usage;
    private final Cache<String, Optional<Resolved>> cache;
    /** One entry at most: the usable certificate authorities, cleared with {@link #cache}. */
    private final Cache<String, List<Authority>> authorities;
    private final AtomicLong generation = new AtomicLong();
    /** The head of the identities stream when last looked at, to notice other processes' changes. */
    private volatile long identitiesHead = -1;

    public IdentityResolver(Database db, Duration ttl, long maxEntries, ApiKeyUsage usage) {
        this.db = Objects.requireNonNull(db, "db");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
        this.authorities = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1).build();
    }

    /** An SSH key (never a certificate authority) by its fingerprint. */
    public Optional<Resolved> byFingerprint(String fingerprint) {
        return cached(cache, "f:" + fingerprint, c -> credential(c, SSH_KEY, "c.fingerprint = ?", fingerprint));
    }

    /** @param tokenKeyId hex SHA-256 of the raw Ed25519 key */
    public Optional<Resolved> byTokenKeyId(String tokenKeyId) {
        return cached(cache, "t:" + tokenKeyId, c -> credential(c, SSH_KEY, "c.token_key_id = ?", tokenKeyId));
    }

    /** A certificate authority by its fingerprint, resolved to its owner as an SSH key of the owner would be. */
    public Optional<Resolved> byAuthority(String fingerprint) {
        return cached(cache, "c:" + fingerprint, c -> credential(c, CERT_AUTHORITY, "c.fingerprint = ?",
                fingerprint));
    }

    /** Every certificate authority whose owner may use it, expired ones included, oldest first. */
    public List<Authority> authorities() {
        return cached(authorities, "all", c -> Sql.list(c, "SELECT c.fingerprint, c.public_key_data, c.expires_at "
                + USABLE + " ORDER BY c.created_at, c.id", rs -> new Authority(rs.getString(1), rs.getString(2),
                        IdentityRows.optionalTime(rs, 3)), CERT_AUTHORITY, true));
    }

    /** @param apiKeySecret the bearer secret; only its hash is looked up (and used as the cache key) */
    public Optional<Resolved> byApiKey(String apiKeySecret) {
        String hash = ApiKeySecrets.hash(apiKeySecret);
        return cached(cache, "a:" + hash, c -> {
            Optional<Row> row = Sql.one(c, "SELECT k.owner_id, k.expires_at, k.id FROM api_keys k JOIN accounts a "
                    + "ON a.id = k.owner_id WHERE k.key_hash = ? AND k.enabled = ? AND k.revoked_at IS NULL "
                    + "AND a.status = 'active'", rs -> new Row(rs.getString(1), null, null,
                            IdentityRows.optionalTime(rs, 2), rs.getString(3)), hash, true);
            return resolve(c, row);
        });
    }

    /** Records that an API key authenticated its owner at {@code now} (batched; see {@link ApiKeyUsage}). */
    public void apiKeyUsed(Resolved resolved, Instant now) {
        if (resolved.apiKeyId() != null) {
            usage.used(resolved.apiKeyId(), now);
        }
    }

    /**
     * Forgets everything when the identities stream moved since the last look: every identity change publishes
     * there, so this catches changes committed by other processes. Called by the change watcher.
     */
    public void refreshIfChanged() {
        long head = db.read(c -> Sql.one(c, "SELECT head FROM streams WHERE name = ?", rs -> rs.getLong(1),
                Streams.IDENTITIES)).orElse(0L);
        if (head != identitiesHead) {
            identitiesHead = head;
            invalidateAll();
        }
    }

    /** Forgets everything; called after every committed identity change. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
        authorities.invalidateAll();
    }

    private <V> V cached(Cache<String, V> in, String key, SqlWork<V> load) {
        V hit = in.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        V loaded = db.read(load);
        if (generation.get() == before) {
            in.put(key, loaded);
            if (generation.get() != before) {
                in.invalidate(key);
            }
        }
        return loaded;
    }

    private record Row(String accountId, String fingerprint, String publicKey, Instant expiresAt, String apiKeyId) {
    }

    private Optional<Resolved> credential(Connection c, String type, String where, String value)
            throws SQLException {
        return resolve(c, Sql.one(c, BY_CREDENTIAL + where, rs -> new Row(rs.getString(1), rs.getString(2),
                rs.getString(3), IdentityRows.optionalTime(rs, 4), null), type, true, value));
    }

    private static Optional<Resolved> resolve(Connection c, Optional<Row> found) throws SQLException {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        Grant grant = Sql.one(c, "SELECT scopes, resources FROM accounts WHERE id = ?",
                rs -> IdentityRows.grant(rs.getString(1), rs.getString(2)), row.accountId()).orElseThrow();
        List<Grant> orgGrants = Sql.list(c, "SELECT o.scopes, o.resources FROM organization_members m "
                + "JOIN organizations o ON o.id = m.org_id WHERE m.account_id = ? ORDER BY o.name",
                rs -> IdentityRows.grant(rs.getString(1), rs.getString(2)), row.accountId());
        for (Grant g : orgGrants) {
            grant = grant.plus(g);
        }
        byte[] raw = row.publicKey() == null ? null : SshPublicKeys.parse(row.publicKey()).rawEd25519();
        return Optional.of(new Resolved(new Identity(row.accountId(), grant.scopes(), grant.resources()),
                row.fingerprint(), raw, row.expiresAt(), row.apiKeyId()));
    }
}
