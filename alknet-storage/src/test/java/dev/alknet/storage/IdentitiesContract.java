package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.TokenSigner;
import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity tables and {@link StorageIdentityProvider}, identical on every dialect. */
abstract class IdentitiesContract {

    static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
    static final OpenSshKeyPair ALICE_KEY = OpenSshKeyPair.generateEd25519("alice@laptop");
    static final OpenSshKeyPair OTHER_KEY = OpenSshKeyPair.generateEd25519("other");
    static final OpenSshKeyPair CA_KEY = OpenSshKeyPair.generateEd25519("team CA");
    static final String CA_FINGERPRINT = CA_KEY.publicKey().fingerprint();

    final MutableClock clock = new MutableClock(START);
    StorageConfig config;
    StorageService storage;
    Identities ids;
    StorageIdentityProvider provider;
    Account alice;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config, clock);
        ids = storage.identities();
        provider = storage.identityProvider();
        alice = ids.createAccount(" Alice@Example.org ", "Alice", AccessLevel.USER, Grant.of("relay:connect"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void accountsHaveUniqueLowerCaseEmails() {
        assertThat(alice.email()).isEqualTo("alice@example.org");
        assertThat(ids.accountByEmail("ALICE@example.org")).contains(alice);
        assertKind(() -> ids.createAccount("alice@EXAMPLE.org", null, AccessLevel.USER, Grant.none()),
                StorageException.Kind.ALREADY_EXISTS);
        assertKind(() -> ids.createAccount("no-at-sign", null, AccessLevel.USER, Grant.none()),
                StorageException.Kind.INVALID).hasMessageContaining("name@domain");
        assertKind(() -> ids.createAccount("x@y", null, AccessLevel.USER, Grant.of(" padded ")),
                StorageException.Kind.INVALID).hasMessageContaining("scope");
    }

    @Test
    void aKeyResolvesToItsAccountWithTheGrantsOfItsOrganisations() {
        ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, ALICE_KEY.publicKey().toLine(), "laptop", null);
        Account bob = ids.createAccount("bob@example.org", null, AccessLevel.ADMIN, Grant.none());
        Organization ops = ids.createOrganization("Ops", "ops", bob.id(),
                new Grant(Set.of("service:gitea:read"), Map.of("service", Set.of("gitea"))));

        assertThat(resolveAlice()).contains(new Identity(alice.id(), Set.of("relay:connect"), Map.of()));
        ids.addMember(ops.id(), alice.id(), MembershipLevel.MEMBER);
        assertThat(resolveAlice()).contains(new Identity(alice.id(), Set.of("relay:connect", "service:gitea:read"),
                Map.of("service", Set.of("gitea"))));
        ids.setOrganizationGrant(ops.id(), new Grant(Set.of(), Map.of("service", Set.of("registry"))));
        ids.setGrant(alice.id(), new Grant(Set.of("relay:connect"), Map.of("service", Set.of("gitea"))));
        assertThat(resolveAlice()).contains(new Identity(alice.id(), Set.of("relay:connect"),
                Map.of("service", Set.of("gitea", "registry"))));
        assertThat(ids.removeMember(ops.id(), alice.id())).isTrue();
        assertThat(resolveAlice().orElseThrow().resources()).isEqualTo(Map.of("service", Set.of("gitea")));
        assertThat(ids.memberships(bob.id())).extracting(Membership::level).containsExactly(MembershipLevel.OWNER);
    }

    @Test
    void revokingAKeyTakesEffectAtTheNextResolution() {
        PeerCredential cred = ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY,
                ALICE_KEY.publicKey().toLine(), null, null);
        assertThat(resolveAlice()).isPresent();
        assertThat(ids.revokePeerCredential(cred.id())).isTrue();
        assertThat(ids.revokePeerCredential(cred.id())).isFalse();
        assertThat(resolveAlice()).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE_KEY, START))).isEmpty();
        assertThat(ids.peerCredentials(alice.id()).get(0).revokedAt()).isEqualTo(START);
    }

    @Test
    void aRevocationByAnotherProcessClearsTheCache() throws InterruptedException {
        PeerCredential cred = ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY,
                ALICE_KEY.publicKey().toLine(), null, null);
        assertThat(resolveAlice()).isPresent();
        try (StorageService other = StorageService.open(config, clock)) {
            other.identities().revokePeerCredential(cred.id());
        }
        // The change watcher clears the cache when the identities stream moves; the cache TTL (30 s) is far
        // beyond this wait, so passing here means the watcher did it.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (resolveAlice().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(resolveAlice()).isEmpty();
    }

    @Test
    void expiryIsCheckedOnEveryCallEvenWhenCached() {
        ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, ALICE_KEY.publicKey().toLine(), null,
                START.plusSeconds(60));
        assertThat(resolveAlice()).isPresent();
        clock.advance(Duration.ofSeconds(60));
        assertThat(resolveAlice()).isEmpty();
    }

    @Test
    void onlyActiveAccountsResolve() {
        ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, ALICE_KEY.publicKey().toLine(), null, null);
        ids.setStatus(alice.id(), AccountStatus.SUSPENDED);
        assertThat(resolveAlice()).isEmpty();
        ids.setStatus(alice.id(), AccountStatus.ACTIVE);
        assertThat(resolveAlice()).isPresent();
    }

    @Test
    void aCertificateAuthorityKeyNeverAuthenticatesItself() {
        ids.addPeerCredential(alice.id(), CredentialType.CERT_AUTHORITY, ALICE_KEY.publicKey().toLine(), "CA", null);
        assertThat(resolveAlice()).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE_KEY, START))).isEmpty();
        assertThat(ids.peerCredentialByFingerprint(ALICE_KEY.publicKey().fingerprint()).orElseThrow().type())
                .isEqualTo(CredentialType.CERT_AUTHORITY);
    }

    @Test
    void aCertificateAuthorityIsTrustedToLogInItsOwnerWithTheOwnersGrant() {
        Account bob = ids.createAccount("bob@example.org", null, AccessLevel.ADMIN, Grant.none());
        Organization ops = ids.createOrganization("Ops", "ops", bob.id(),
                new Grant(Set.of("service:gitea:read"), Map.of("service", Set.of("gitea"))));
        ids.addMember(ops.id(), alice.id(), MembershipLevel.MEMBER);
        String ca = CA_KEY.publicKey().toLine();
        ids.addPeerCredential(alice.id(), CredentialType.CERT_AUTHORITY, ca, "team CA", null);
        ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, ALICE_KEY.publicKey().toLine(), null, null);
        String certified = OTHER_KEY.publicKey().fingerprint();
        Identity expected = new Identity(alice.id(), Set.of("relay:connect", "service:gitea:read"),
                Map.of("service", Set.of("gitea")));

        assertThat(provider.trustedAuthorityKeys()).containsExactly(ca);
        assertThat(provider.resolveFromCertificateAuthority(CA_FINGERPRINT, certified)).contains(expected);
        assertThat(resolveAlice()).contains(expected);
        assertThat(storage.identityProvider(IdentityIds.FINGERPRINT, Duration.ofSeconds(300))
                .resolveFromCertificateAuthority(CA_FINGERPRINT, certified))
                .contains(new Identity(certified, expected.scopes(), expected.resources()));
        // An SSH key is not a CA, whoever asks.
        assertThat(provider.resolveFromCertificateAuthority(ALICE_KEY.publicKey().fingerprint(), certified))
                .isEmpty();
    }

    @Test
    void aRevokedExpiredOrOrphanedCertificateAuthorityIsNotTrusted() {
        PeerCredential ca = ids.addPeerCredential(alice.id(), CredentialType.CERT_AUTHORITY,
                CA_KEY.publicKey().toLine(), null, START.plusSeconds(60));
        assertThat(provider.trustedAuthorityKeys()).hasSize(1);

        ids.setStatus(alice.id(), AccountStatus.SUSPENDED);
        assertThat(provider.trustedAuthorityKeys()).isEmpty();
        assertThat(provider.resolveFromCertificateAuthority(CA_FINGERPRINT, "SHA256:x")).isEmpty();
        ids.setStatus(alice.id(), AccountStatus.ACTIVE);
        assertThat(provider.resolveFromCertificateAuthority(CA_FINGERPRINT, "SHA256:x")).isPresent();

        clock.advance(Duration.ofSeconds(60));
        assertThat(provider.trustedAuthorityKeys()).isEmpty();
        assertThat(provider.resolveFromCertificateAuthority(CA_FINGERPRINT, "SHA256:x")).isEmpty();

        clock.advance(Duration.ofSeconds(-60));
        assertThat(ids.revokePeerCredential(ca.id())).isTrue();
        assertThat(provider.trustedAuthorityKeys()).isEmpty();
        assertThat(provider.resolveFromCertificateAuthority(CA_FINGERPRINT, "SHA256:x")).isEmpty();
    }

    @Test
    void aCertificateAuthorityRevokedByAnotherProcessStopsBeingTrusted() throws InterruptedException {
        PeerCredential ca = ids.addPeerCredential(alice.id(), CredentialType.CERT_AUTHORITY,
                CA_KEY.publicKey().toLine(), null, null);
        assertThat(provider.trustedAuthorityKeys()).hasSize(1);
        try (StorageService other = StorageService.open(config, clock)) {
            other.identities().revokePeerCredential(ca.id());
        }
        // As for keys: the change watcher clears the cache long before its TTL.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (!provider.trustedAuthorityKeys().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(provider.trustedAuthorityKeys()).isEmpty();
        assertThat(provider.resolveFromCertificateAuthority(CA_FINGERPRINT, "SHA256:x")).isEmpty();
    }

    @Test
    void tokensAreVerifiedAgainstTheStoredKey() {
        ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, ALICE_KEY.publicKey().toLine(), null, null);
        assertThat(provider.resolveFromToken(token(ALICE_KEY, START))).map(Identity::id).contains(alice.id());
        assertThat(provider.resolveFromToken(token(ALICE_KEY, START.minusSeconds(300)))).isPresent();
        assertThat(provider.resolveFromToken(token(ALICE_KEY, START.minusSeconds(301)))).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE_KEY, START.plusSeconds(301)))).isEmpty();
        assertThat(provider.resolveFromToken(token(OTHER_KEY, START))).isEmpty();
        AuthToken good = token(ALICE_KEY, START);
        byte[] forged = good.signature();
        forged[0] ^= 1;
        assertThat(provider.resolveFromToken(AuthToken.of(good.keyId(), START.getEpochSecond(), forged))).isEmpty();
        StorageIdentityProvider strict = storage.identityProvider(IdentityIds.ACCOUNT, Duration.ofSeconds(10));
        assertThat(strict.resolveFromToken(token(ALICE_KEY, START.minusSeconds(11)))).isEmpty();
    }

    @Test
    void fingerprintIdsMatchConfigBasedIdentities() {
        ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, ALICE_KEY.publicKey().toLine(), null, null);
        StorageIdentityProvider byKey = storage.identityProvider(IdentityIds.FINGERPRINT,
                StorageService.DEFAULT_TOKEN_WINDOW);
        String fp = ALICE_KEY.publicKey().fingerprint();
        assertThat(byKey.resolveFromFingerprint(fp)).map(Identity::id).contains(fp);
        assertThat(byKey.resolveFromToken(token(ALICE_KEY, START))).map(Identity::id).contains(fp);
    }

    @Test
    void apiKeysStoreOnlyTheirHash() throws Exception {
        IssuedApiKey issued = ids.createApiKey(alice.id(), "ci", START.plusSeconds(3600));
        assertThat(issued.secret()).startsWith("alk_").hasSize(47);
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(provider.resolveFromApiKey(issued.secret())).map(Identity::id).contains(alice.id());
        assertThat(provider.resolveFromApiKey(issued.secret() + "x")).isEmpty();
        assertThat(databaseText("SELECT * FROM api_keys")).doesNotContain(issued.secret().substring(4));
        assertThat(databaseText("SELECT * FROM audit_logs")).doesNotContain(issued.secret().substring(4));
        clock.advance(Duration.ofSeconds(3600));
        assertThat(provider.resolveFromApiKey(issued.secret())).isEmpty();

        IssuedApiKey second = ids.createApiKey(alice.id(), null, null);
        assertThat(ids.revokeApiKey(second.key().id())).isTrue();
        assertThat(provider.resolveFromApiKey(second.secret())).isEmpty();
        assertThat(ids.apiKeys(alice.id())).hasSize(2);
    }

    @Test
    void aRotatedKeyWorksForItsGracePeriodBesideItsReplacement() {
        IssuedApiKey old = ids.createApiKey(alice.id(), "ci", START.plus(Duration.ofDays(30)));
        IssuedApiKey fresh = ids.rotateApiKey(old.key().id(), Duration.ofMinutes(10));
        assertThat(fresh.key().ownerId()).isEqualTo(alice.id());
        assertThat(fresh.key().name()).isEqualTo("ci");
        assertThat(fresh.key().expiresAt()).isEqualTo(START.plus(Duration.ofDays(30)));
        assertThat(fresh.secret()).isNotEqualTo(old.secret());
        ApiKey stored = apiKey(old.key().id());
        assertThat(stored.rotatedToId()).isEqualTo(fresh.key().id());
        assertThat(stored.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));

        assertThat(provider.resolveFromApiKey(old.secret())).map(Identity::id).contains(alice.id());
        assertThat(provider.resolveFromApiKey(fresh.secret())).map(Identity::id).contains(alice.id());
        clock.advance(Duration.ofMinutes(10));
        assertThat(provider.resolveFromApiKey(old.secret())).as("grace over").isEmpty();
        assertThat(provider.resolveFromApiKey(fresh.secret())).map(Identity::id).contains(alice.id());

        assertKind(() -> ids.rotateApiKey(old.key().id(), Duration.ZERO), StorageException.Kind.INVALID)
                .hasMessageContaining("already rotated to " + fresh.key().id());
        assertKind(() -> ids.rotateApiKey("no-such-key", Duration.ZERO), StorageException.Kind.NOT_FOUND);
        assertKind(() -> ids.rotateApiKey(fresh.key().id(), Duration.ofSeconds(-1)), StorageException.Kind.INVALID)
                .hasMessageContaining("grace period");
        ids.revokeApiKey(fresh.key().id());
        assertKind(() -> ids.rotateApiKey(fresh.key().id(), Duration.ZERO), StorageException.Kind.INVALID)
                .hasMessageContaining("is revoked");
        assertThat(ids.apiKeys(alice.id())).hasSize(2);
        assertThat(ids.auditLog(alice.id())).extracting(AuditEntry::action)
                .containsSubsequence("api_key.created", "api_key.created", "api_key.rotated", "api_key.revoked");
    }

    @Test
    void aRotationWithoutGraceStopsTheOldKeyAtOnceAndKeepsAnEarlierExpiry() {
        IssuedApiKey soon = ids.createApiKey(alice.id(), null, START.plusSeconds(60));
        ids.rotateApiKey(soon.key().id(), Duration.ofDays(1));
        assertThat(apiKey(soon.key().id()).expiresAt()).as("never later than it was")
                .isEqualTo(START.plusSeconds(60));
        IssuedApiKey other = ids.createApiKey(alice.id(), null, null);
        ids.rotateApiKey(other.key().id(), Duration.ZERO);
        assertThat(provider.resolveFromApiKey(other.secret())).isEmpty();
    }

    @Test
    void successfulResolutionsRecordLastUseWithoutAWritePerCall() {
        IssuedApiKey used = ids.createApiKey(alice.id(), "used", null);
        IssuedApiKey idle = ids.createApiKey(alice.id(), "idle", null);
        ids.revokeApiKey(idle.key().id());
        assertThat(provider.resolveFromApiKey(used.secret())).isPresent();
        assertThat(provider.resolveFromApiKey(idle.secret())).as("revoked").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(provider.resolveFromApiKey(used.secret())).isPresent();
        // Nothing written yet (batched); closing storage writes what was noted.
        assertThat(ids.apiKeys(alice.id())).extracting(ApiKey::lastUsedAt).containsOnlyNulls();
        storage.close();
        storage = StorageService.open(config, clock);
        assertThat(storage.identities().apiKeys(alice.id())).extracting(ApiKey::name, ApiKey::lastUsedAt)
                .containsExactlyInAnyOrder(tuple("used", START.plusSeconds(5)),
                        tuple("idle", null));
    }

    private ApiKey apiKey(String id) {
        return ids.apiKeys(alice.id()).stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void malformedKeyLinesAreRejectedWithAReasonAndNothingIsStored() {
        String line = ALICE_KEY.publicKey().toLine();
        String b64 = line.split(" ")[1];
        assertKind(() -> addKey("ssh-ed25519 not*base64"), StorageException.Kind.INVALID)
                .hasMessageContaining("base64");
        assertKind(() -> addKey("ssh-rsa " + b64), StorageException.Kind.INVALID).hasMessageContaining("disagree");
        assertKind(() -> addKey("ssh-ed25519 " + b64.substring(0, 40)), StorageException.Kind.INVALID);
        assertKind(() -> addKey("command=\"x\" " + line), StorageException.Kind.INVALID)
                .hasMessageContaining("options are not stored");
        assertKind(() -> addKey("ssh-ed25519-cert-v01@openssh.com AAAA"), StorageException.Kind.INVALID)
                .hasMessageContaining("certificates are not stored");
        assertKind(() -> addKey("-----BEGIN OPENSSH PRIVATE KEY-----"), StorageException.Kind.INVALID)
                .hasMessageContaining("private key");
        assertThat(ids.peerCredentials(alice.id())).isEmpty();
        addKey(line);
        assertKind(() -> addKey(line), StorageException.Kind.ALREADY_EXISTS);
    }

    @Test
    void everyChangeIsAudited() {
        PeerCredential cred = ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY,
                ALICE_KEY.publicKey().toLine(), null, null);
        ids.revokePeerCredential(cred.id());
        ids.setStatus(alice.id(), AccountStatus.DEACTIVATED);
        assertThat(ids.auditLog(alice.id())).extracting(AuditEntry::action).containsExactly("account.created",
                "credential.added", "credential.revoked", "account.status_changed");
        assertThat(ids.auditLog(alice.id()).get(1).details().path("fingerprint").asString())
                .isEqualTo(ALICE_KEY.publicKey().fingerprint());
    }

    @Test
    void organisationsNeedAValidSlugAndAnExistingOwner() {
        assertKind(() -> ids.createOrganization("Ops", "Not A Slug", alice.id(), Grant.none()),
                StorageException.Kind.INVALID).hasMessageContaining("slug");
        assertKind(() -> ids.createOrganization("Ops", "ops", "nobody", Grant.none()),
                StorageException.Kind.NOT_FOUND);
        ids.createOrganization("Ops", "ops", alice.id(), Grant.none());
        assertKind(() -> ids.createOrganization("Ops 2", "ops", alice.id(), Grant.none()),
                StorageException.Kind.ALREADY_EXISTS);
    }

    private Object addKey(String line) {
        return ids.addPeerCredential(alice.id(), CredentialType.SSH_KEY, line, null, null);
    }

    private java.util.Optional<Identity> resolveAlice() {
        return provider.resolveFromFingerprint(ALICE_KEY.publicKey().fingerprint());
    }

    static AuthToken token(OpenSshKeyPair pair, Instant at) {
        try (TokenSigner signer = TokenSigner.of(pair)) {
            return signer.sign(at);
        }
    }

    /** Every value of every row the query returns, as one string. */
    private String databaseText(String query) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.append(rs.getString(i)).append('|');
                }
            }
        }
        assertThat(out).isNotEmpty();
        return out.toString();
    }
}
