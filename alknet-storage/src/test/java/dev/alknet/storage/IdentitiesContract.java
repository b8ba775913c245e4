package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

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
