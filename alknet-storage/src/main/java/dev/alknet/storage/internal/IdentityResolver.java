package dev.alknet.storage.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alknet.core.Identity;
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

    private static final String BY_CREDENTIAL = "SELECT c.owner_id, c.fingerprint, c.public_key_data, c.expires_at "
            + "FROM peer_credentials c JOIN accounts a ON a.id = c.owner_id WHERE c.credential_type = 'ssh_key' "
            + "AND c.enabled = ? AND c.revoked_at IS NULL AND a.status = 'active' AND ";

    private final Database db;
    private final ApiKeyUsage usage;
    private final Cache<String, Optional<Resolved>> cache;
    private final AtomicLong generation = new AtomicLong();
    /** The head of the identities stream when last looked at, to notice other processes' changes. */
    private volatile long identitiesHead = -1;

    public IdentityResolver(Database db, Duration ttl, long maxEntries, ApiKeyUsage usage) {
        this.db = Objects.requireNonNull(db, "db");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    public Optional<Resolved> byFingerprint(String fingerprint) {
        return cached("f:" + fingerprint, c -> credential(c, "c.fingerprint = ?", fingerprint));
    }

    /** @param tokenKeyId hex SHA-256 of the raw Ed25519 key */
    public Optional<Resolved> byTokenKeyId(String tokenKeyId) {
        return cached("t:" + tokenKeyId, c -> credential(c, "c.token_key_id = ?", tokenKeyId));
    }

    /** @param apiKeySecret the bearer secret; only its hash is looked up (and used as the cache key) */
    public Optional<Resolved> byApiKey(String apiKeySecret) {
        String hash = ApiKeySecrets.hash(apiKeySecret);
        return cached("a:" + hash, c -> {
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
    }

    private Optional<Resolved> cached(String key, SqlWork<Optional<Resolved>> load) {
        Optional<Resolved> hit = cache.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        Optional<Resolved> loaded = db.read(load);
        if (generation.get() == before) {
            cache.put(key, loaded);
            if (generation.get() != before) {
                cache.invalidate(key);
            }
        }
        return loaded;
    }

    private record Row(String accountId, String fingerprint, String publicKey, Instant expiresAt, String apiKeyId) {
    }

    private Optional<Resolved> credential(Connection c, String where, String value) throws SQLException {
        return resolve(c, Sql.one(c, BY_CREDENTIAL + where, rs -> new Row(rs.getString(1), rs.getString(2),
                rs.getString(3), IdentityRows.optionalTime(rs, 4), null), true, value));
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
