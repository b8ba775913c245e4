package dev.alknet.storage.internal;

import static dev.alknet.storage.internal.IdentityRows.ACCOUNT;
import static dev.alknet.storage.internal.IdentityRows.API_KEY;
import static dev.alknet.storage.internal.IdentityRows.AUDIT;
import static dev.alknet.storage.internal.IdentityRows.CREDENTIAL;
import static dev.alknet.storage.internal.IdentityRows.MEMBERSHIP;
import static dev.alknet.storage.internal.IdentityRows.ORGANIZATION;
import static dev.alknet.storage.internal.IdentityRows.seconds;

import dev.alknet.storage.AccessLevel;
import dev.alknet.storage.Account;
import dev.alknet.storage.AccountStatus;
import dev.alknet.storage.ApiKey;
import dev.alknet.storage.AuditEntry;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.Dialect;
import dev.alknet.storage.Grant;
import dev.alknet.storage.Identities;
import dev.alknet.storage.IssuedApiKey;
import dev.alknet.storage.Membership;
import dev.alknet.storage.MembershipLevel;
import dev.alknet.storage.Organization;
import dev.alknet.storage.PeerCredential;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.Streams;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/** {@link Identities} over a {@link Database}; tells {@code onChange} after every committed change. */
public final class JdbcIdentities implements Identities {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final Database db;
    private final Outbox outbox;
    private final Clock clock;
    private final Runnable onChange;
    /** Membership changes keep the ACL graph's {@code belongs_to} edges in step, in their transaction. */
    private final JdbcMetagraph metagraph;
    private final String auditOrder;

    public JdbcIdentities(Database db, Outbox outbox, Clock clock, Runnable onChange, JdbcMetagraph metagraph) {
        this.metagraph = Objects.requireNonNull(metagraph, "metagraph");
        this.db = Objects.requireNonNull(db, "db");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.auditOrder = db.dialect() == Dialect.SQLITE ? "rowid" : "seq";
    }

    @Override
    public Account createAccount(String email, String displayName, AccessLevel level, Grant grant) {
        String normalized = email(email);
        Objects.requireNonNull(level, "level");
        IdentityRows.check(grant);
        String id = JdbcMetagraph.newId();
        return change(c -> {
            if (Sql.exists(c, "SELECT 1 FROM accounts WHERE email = ?", normalized)) {
                throw exists("an account with email " + normalized + " already exists");
            }
            Sql.update(c, "INSERT INTO accounts (id, email, display_name, access_level, status, scopes, resources, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, normalized, displayName,
                    level.dbName(), AccountStatus.ACTIVE.dbName(), IdentityRows.scopes(grant),
                    IdentityRows.resources(grant), now(), now());
            audit(c, "account.created", id, null, null, null, details().put("access_level", level.dbName()));
            return loadAccount(c, id);
        });
    }

    @Override
    public Optional<Account> account(String accountId) {
        return db.read(c -> Sql.one(c, "SELECT " + ACCOUNT + " FROM accounts WHERE id = ?", IdentityRows::account,
                accountId));
    }

    @Override
    public Optional<Account> accountByEmail(String email) {
        return db.read(c -> Sql.one(c, "SELECT " + ACCOUNT + " FROM accounts WHERE email = ?", IdentityRows::account,
                email.strip().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Account setStatus(String accountId, AccountStatus status) {
        Objects.requireNonNull(status, "status");
        return change(c -> {
            requireUpdated(Sql.update(c, "UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?",
                    status.dbName(), now(), accountId), "account " + accountId);
            audit(c, "account.status_changed", accountId, null, null, null, details().put("status", status.dbName()));
            return loadAccount(c, accountId);
        });
    }

    @Override
    public Account setGrant(String accountId, Grant grant) {
        IdentityRows.check(grant);
        return change(c -> {
            requireUpdated(Sql.update(c, "UPDATE accounts SET scopes = ?, resources = ?, updated_at = ? WHERE id = ?",
                    IdentityRows.scopes(grant), IdentityRows.resources(grant), now(), accountId),
                    "account " + accountId);
            audit(c, "account.grant_changed", accountId, null, null, null, details());
            return loadAccount(c, accountId);
        });
    }

    @Override
    public Organization createOrganization(String name, String slug, String ownerId, Grant grant) {
        Text.checkName(name, "organization name");
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw invalid("organization slug must be 1 to 63 lower-case letters, digits and inner hyphens");
        }
        IdentityRows.check(grant);
        String id = JdbcMetagraph.newId();
        return change(c -> {
            loadAccount(c, ownerId);
            if (Sql.exists(c, "SELECT 1 FROM organizations WHERE name = ? OR slug = ?", name, slug)) {
                throw exists("an organization named '" + name + "' or with slug " + slug + " already exists");
            }
            Sql.update(c, "INSERT INTO organizations (id, name, slug, owner_id, scopes, resources, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, name, slug, ownerId,
                    IdentityRows.scopes(grant), IdentityRows.resources(grant), now(), now());
            insertMember(c, id, ownerId, MembershipLevel.OWNER);
            AclMembership.memberAdded(c, metagraph, id, ownerId);
            audit(c, "org.created", ownerId, null, null, id, details().put("slug", slug));
            return loadOrganization(c, id);
        });
    }

    @Override
    public Optional<Organization> organization(String orgId) {
        return db.read(c -> Sql.one(c, "SELECT " + ORGANIZATION + " FROM organizations WHERE id = ?",
                IdentityRows::organization, orgId));
    }

    @Override
    public Organization setOrganizationGrant(String orgId, Grant grant) {
        IdentityRows.check(grant);
        return change(c -> {
            requireUpdated(Sql.update(c, "UPDATE organizations SET scopes = ?, resources = ?, updated_at = ? "
                    + "WHERE id = ?", IdentityRows.scopes(grant), IdentityRows.resources(grant), now(), orgId),
                    "organization " + orgId);
            Organization org = loadOrganization(c, orgId);
            audit(c, "org.grant_changed", org.ownerId(), null, null, orgId, details());
            return org;
        });
    }

    @Override
    public Membership addMember(String orgId, String accountId, MembershipLevel level) {
        Objects.requireNonNull(level, "level");
        return change(c -> {
            loadOrganization(c, orgId);
            loadAccount(c, accountId);
            if (Sql.update(c, "UPDATE organization_members SET membership_level = ?, updated_at = ? WHERE org_id = ? "
                    + "AND account_id = ?", level.dbName(), now(), orgId, accountId) == 0) {
                insertMember(c, orgId, accountId, level);
            }
            AclMembership.memberAdded(c, metagraph, orgId, accountId);
            audit(c, "member.added", accountId, null, null, orgId, details().put("level", level.dbName()));
            return Sql.one(c, "SELECT " + MEMBERSHIP + " FROM organization_members WHERE org_id = ? AND account_id = ?",
                    IdentityRows::membership, orgId, accountId).orElseThrow();
        });
    }

    @Override
    public boolean removeMember(String orgId, String accountId) {
        return change(c -> {
            boolean removed = Sql.update(c, "DELETE FROM organization_members WHERE org_id = ? AND account_id = ?",
                    orgId, accountId) > 0;
            if (removed) {
                AclMembership.memberRemoved(c, metagraph, orgId, accountId);
                audit(c, "member.removed", accountId, null, null, orgId, details());
            }
            return removed;
        });
    }

    @Override
    public List<Membership> memberships(String accountId) {
        return db.read(c -> Sql.list(c, "SELECT " + MEMBERSHIP + " FROM organization_members WHERE account_id = ? "
                + "ORDER BY created_at, org_id", IdentityRows::membership, accountId));
    }

    @Override
    public PeerCredential addPeerCredential(String ownerId, CredentialType type, String publicKeyLine, String name,
            Instant expiresAt) {
        Objects.requireNonNull(type, "type");
        SshPublicKeys.ParsedKey key = SshPublicKeys.parse(publicKeyLine);
        if (name != null) {
            Text.checkName(name, "credential name");
        }
        String id = JdbcMetagraph.newId();
        // CAs never sign tokens themselves, so they get no token key id.
        String tokenKeyId = type == CredentialType.SSH_KEY ? key.tokenKeyId() : null;
        return change(c -> {
            loadAccount(c, ownerId);
            if (Sql.exists(c, "SELECT 1 FROM peer_credentials WHERE fingerprint = ?", key.fingerprint())) {
                throw exists("the key " + key.fingerprint() + " is already stored");
            }
            Sql.update(c, "INSERT INTO peer_credentials (id, owner_id, credential_type, fingerprint, public_key_data, "
                    + "token_key_id, name, enabled, expires_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, ownerId, type.dbName(), key.fingerprint(),
                    key.line(), tokenKeyId, name, true, seconds(expiresAt), now(), now());
            audit(c, "credential.added", ownerId, id, type.dbName(), null,
                    details().put("fingerprint", key.fingerprint()));
            return Sql.one(c, "SELECT " + CREDENTIAL + " FROM peer_credentials WHERE id = ?", IdentityRows::credential,
                    id).orElseThrow();
        });
    }

    @Override
    public Optional<PeerCredential> peerCredentialByFingerprint(String fingerprint) {
        return db.read(c -> Sql.one(c, "SELECT " + CREDENTIAL + " FROM peer_credentials WHERE fingerprint = ?",
                IdentityRows::credential, fingerprint));
    }

    @Override
    public List<PeerCredential> peerCredentials(String ownerId) {
        return db.read(c -> Sql.list(c, "SELECT " + CREDENTIAL + " FROM peer_credentials WHERE owner_id = ? "
                + "ORDER BY created_at, id", IdentityRows::credential, ownerId));
    }

    @Override
    public boolean revokePeerCredential(String credentialId) {
        return change(c -> {
            Optional<PeerCredential> cred = Sql.one(c, "SELECT " + CREDENTIAL + " FROM peer_credentials WHERE id = ? "
                    + "AND revoked_at IS NULL", IdentityRows::credential, credentialId);
            if (cred.isEmpty()) {
                return false;
            }
            Sql.update(c, "UPDATE peer_credentials SET revoked_at = ?, updated_at = ? WHERE id = ?", now(), now(),
                    credentialId);
            audit(c, "credential.revoked", cred.get().ownerId(), credentialId, cred.get().type().dbName(), null,
                    details().put("fingerprint", cred.get().fingerprint()));
            return true;
        });
    }

    @Override
    public IssuedApiKey createApiKey(String ownerId, String name, Instant expiresAt) {
        if (name != null) {
            Text.checkName(name, "API key name");
        }
        String secret = ApiKeySecrets.generate();
        ApiKey key = change(c -> {
            loadAccount(c, ownerId);
            return insertApiKey(c, ownerId, name, seconds(expiresAt), secret);
        });
        return new IssuedApiKey(key, secret);
    }

    private ApiKey insertApiKey(Connection c, String ownerId, String name, Long expiresAt, String secret)
            throws SQLException {
        String id = JdbcMetagraph.newId();
        Sql.update(c, "INSERT INTO api_keys (id, owner_id, key_hash, name, enabled, expires_at, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, ownerId, ApiKeySecrets.hash(secret), name,
                true, expiresAt, now(), now());
        audit(c, "api_key.created", ownerId, id, "api_key", null, details());
        return Sql.one(c, "SELECT " + API_KEY + " FROM api_keys WHERE id = ?", IdentityRows::apiKey, id)
                .orElseThrow();
    }

    @Override
    public IssuedApiKey rotateApiKey(String apiKeyId, Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw invalid("the grace period of a rotated key must be zero or positive, got " + grace);
        }
        String secret = ApiKeySecrets.generate();
        ApiKey key = change(c -> {
            ApiKey old = Sql.one(c, "SELECT " + API_KEY + " FROM api_keys WHERE id = ?", IdentityRows::apiKey,
                    apiKeyId).orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
                            "API key " + apiKeyId + " does not exist"));
            long graceEnd = Math.addExact(now(), grace.toSeconds());
            Long oldExpiry = seconds(old.expiresAt());
            ApiKey created = insertApiKey(c, old.ownerId(), old.name(), oldExpiry, secret);
            // Conditional, so two rotations of one key cannot both succeed (PostgreSQL runs them concurrently).
            if (Sql.update(c, "UPDATE api_keys SET rotated_to_id = ?, expires_at = ?, updated_at = ? WHERE id = ? "
                    + "AND rotated_to_id IS NULL AND revoked_at IS NULL", created.id(),
                    oldExpiry == null ? graceEnd : Math.min(oldExpiry, graceEnd), now(), apiKeyId) == 0) {
                throw invalid("API key " + apiKeyId + (old.revokedAt() != null ? " is revoked"
                        : " was already rotated to " + old.rotatedToId()) + "; it cannot be rotated");
            }
            audit(c, "api_key.rotated", old.ownerId(), apiKeyId, "api_key", null, details()
                    .put("rotatedTo", created.id()).put("graceSeconds", grace.toSeconds()));
            return created;
        });
        return new IssuedApiKey(key, secret);
    }

    @Override
    public List<ApiKey> apiKeys(String ownerId) {
        return db.read(c -> Sql.list(c, "SELECT " + API_KEY + " FROM api_keys WHERE owner_id = ? ORDER BY created_at, "
                + "id", IdentityRows::apiKey, ownerId));
    }

    @Override
    public boolean revokeApiKey(String apiKeyId) {
        return change(c -> {
            Optional<String> owner = Sql.one(c, "SELECT owner_id FROM api_keys WHERE id = ? AND revoked_at IS NULL",
                    rs -> rs.getString(1), apiKeyId);
            if (owner.isEmpty()) {
                return false;
            }
            Sql.update(c, "UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE id = ?", now(), now(), apiKeyId);
            audit(c, "api_key.revoked", owner.get(), apiKeyId, "api_key", null, details());
            return true;
        });
    }

    @Override
    public List<AuditEntry> auditLog(String accountId) {
        return db.read(c -> Sql.list(c, "SELECT " + AUDIT + " FROM audit_logs WHERE owner_id = ? ORDER BY created_at, "
                + auditOrder, IdentityRows::audit, accountId));
    }

    // ---- helpers ----

    /** A write that changes identities: the providers forget what they cached once it is committed. */
    private <T> T change(SqlWork<T> work) {
        T result = outbox.write(work);
        onChange.run();
        return result;
    }

    private void insertMember(Connection c, String orgId, String accountId, MembershipLevel level)
            throws SQLException {
        Sql.update(c, "INSERT INTO organization_members (id, org_id, account_id, membership_level, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?)", JdbcMetagraph.newId(), orgId, accountId, level.dbName(),
                now(), now());
    }

    /** Writes the audit entry of a change and publishes it on {@link Streams#IDENTITIES}; never put secrets here. */
    private void audit(Connection c, String action, String ownerId, String credentialId, String credentialType,
            String orgId, ObjectNode details) throws SQLException {
        String id = JdbcMetagraph.newId();
        Sql.update(c, "INSERT INTO audit_logs (id, action, owner_id, credential_id, credential_type, org_id, details, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, action, ownerId, credentialId,
                credentialType, orgId, Json.MAPPER.writeValueAsString(details), now(), now());
        ObjectNode event = Json.MAPPER.createObjectNode().put("auditId", id).put("ownerId", ownerId)
                .put("credentialId", credentialId).put("credentialType", credentialType).put("orgId", orgId);
        event.set("details", details);
        outbox.append(c, Streams.IDENTITIES, action, event, now());
    }

    private static ObjectNode details() {
        return Json.MAPPER.createObjectNode();
    }

    private static Account loadAccount(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + ACCOUNT + " FROM accounts WHERE id = ?", IdentityRows::account, id)
                .orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
                        "account " + id + " does not exist"));
    }

    private static Organization loadOrganization(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + ORGANIZATION + " FROM organizations WHERE id = ?", IdentityRows::organization, id)
                .orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
                        "organization " + id + " does not exist"));
    }

    private static void requireUpdated(int rows, String what) {
        if (rows == 0) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, what + " does not exist");
        }
    }

    private static String email(String email) {
        if (email == null) {
            throw invalid("email must not be empty");
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        Text.checkName(e, "email");
        int at = e.indexOf('@');
        if (at <= 0 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.chars().anyMatch(Character::isWhitespace)) {
            throw invalid("email must look like name@domain, with one @ and no spaces");
        }
        return e;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }

    private static StorageException exists(String message) {
        return new StorageException(StorageException.Kind.ALREADY_EXISTS, message);
    }
}
