package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.AuthFailure;
import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.LoginResult;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.ProviderLogins;
import dev.alknet.core.Identity;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.TokenSettings;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;

/**
 * Parity with config-based auth (spec 2.6.1): the same keys with the same grants resolve to equal identities
 * through {@link ConfigIdentityProvider} and {@link StorageIdentityProvider} (fingerprint ids), by fingerprint
 * and by token, and to nobody once the key is gone from config and revoked in storage. Certificate logins through
 * {@link ProviderLogins} over storage decide as config-based auth does for the same CAs and grants.
 */
abstract class IdentityParityContract {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofSeconds(300);
    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("user");
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private final AtomicInteger accounts = new AtomicInteger();
    private StorageService storage;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase(), CLOCK);
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 25)
    void storageResolvesExactlyWhatConfigResolves(@ForAll("grants") @Size(min = 1, max = 4) List<Grant> grants) {
        List<OpenSshKeyPair> keys = new ArrayList<>();
        List<KeyEntry> entries = new ArrayList<>();
        List<PeerCredential> credentials = new ArrayList<>();
        for (Grant grant : grants) {
            OpenSshKeyPair key = OpenSshKeyPair.generateEd25519("k" + keys.size());
            keys.add(key);
            entries.add(new KeyEntry(key.publicKey().toLine(), List.copyOf(grant.scopes()), lists(grant),
                    "parity:" + keys.size()));
            Account account = storage.identities().createAccount("a" + accounts.incrementAndGet() + "@example.org",
                    null, AccessLevel.USER, grant);
            credentials.add(storage.identities().addPeerCredential(account.id(), CredentialType.SSH_KEY,
                    key.publicKey().toLine(), null, null));
        }
        ConfigReloadHandle handle = new ConfigReloadHandle(DynamicConfig.defaults().withAuth(
                new AuthConfig(entries, List.of(), new TokenSettings(true, WINDOW))));
        ConfigIdentityProvider config = new ConfigIdentityProvider(handle, CLOCK);
        StorageIdentityProvider byKey = storage.identityProvider(IdentityIds.FINGERPRINT, WINDOW);
        StorageIdentityProvider byAccount = storage.identityProvider();

        for (int i = 0; i < keys.size(); i++) {
            String fp = keys.get(i).publicKey().fingerprint();
            Optional<Identity> expected = config.resolveFromFingerprint(fp);
            assertThat(expected).isPresent();
            assertThat(byKey.resolveFromFingerprint(fp)).isEqualTo(expected);
            assertThat(byKey.resolveFromToken(IdentitiesContract.token(keys.get(i), NOW))).isEqualTo(expected);
            Identity account = byAccount.resolveFromFingerprint(fp).orElseThrow();
            assertThat(account.id()).isEqualTo(credentials.get(i).ownerId());
            assertThat(new Identity(fp, account.scopes(), account.resources())).isEqualTo(expected.get());
        }
        String stranger = OpenSshKeyPair.generateEd25519("x").publicKey().fingerprint();
        assertThat(byKey.resolveFromFingerprint(stranger)).isEqualTo(config.resolveFromFingerprint(stranger))
                .isEmpty();

        String gone = keys.get(0).publicKey().fingerprint();
        handle.reload(DynamicConfig.defaults().withAuth(
                new AuthConfig(entries.subList(1, entries.size()), List.of(), new TokenSettings(true, WINDOW))));
        storage.identities().revokePeerCredential(credentials.get(0).id());
        assertThat(byKey.resolveFromFingerprint(gone)).isEqualTo(config.resolveFromFingerprint(gone)).isEmpty();
    }

    /** What a login decided, without the line numbers and wording that differ by where the keys came from. */
    record Decision(Optional<Identity> identity, AuthFailure reason, boolean forwarding) {

        static Decision of(LoginResult result) {
            if (result instanceof LoginResult.Accepted ok) {
                return new Decision(Optional.of(ok.identity()), null, ok.portForwarding());
            }
            return new Decision(Optional.empty(), ((LoginResult.Rejected) result).reason(), false);
        }
    }

    /**
     * A user certificate to present.
     *
     * @param signer index of the CA that signs it; one past the last CA means a CA nobody trusts
     * @param window -1 expired, 0 valid now, 1 not yet valid
     * @param sourceAddress a {@code source-address} critical option, or null
     */
    record Cert(int signer, Set<String> principals, int window, String sourceAddress) {
    }

    @Property(tries = 50)
    void certificateLoginsDecideAsConfigDoes(@ForAll("grants") @Size(min = 1, max = 3) List<Grant> grants,
            @ForAll("certs") Cert cert, @ForAll("users") String user) throws Exception {
        List<OpenSshKeyPair> cas = new ArrayList<>();
        List<KeyEntry> entries = new ArrayList<>();
        List<PeerCredential> credentials = new ArrayList<>();
        for (Grant grant : grants) {
            OpenSshKeyPair ca = OpenSshKeyPair.generateEd25519("ca" + cas.size());
            cas.add(ca);
            entries.add(new KeyEntry("cert-authority " + ca.publicKey().toLine(), List.copyOf(grant.scopes()),
                    lists(grant), "parity:" + cas.size()));
            Account owner = storage.identities().createAccount("ca" + accounts.incrementAndGet() + "@example.org",
                    null, AccessLevel.SERVICE, grant);
            credentials.add(storage.identities().addPeerCredential(owner.id(), CredentialType.CERT_AUTHORITY,
                    ca.publicKey().toLine(), null, null));
        }
        OpenSshKeyPair signer = cert.signer() < cas.size() ? cas.get(cert.signer())
                : OpenSshKeyPair.generateEd25519("stranger");
        OpenSshCertificateBuilder builder = OpenSshCertificateBuilder.userCertificate()
                .publicKey(USER_KEY.publicKey().publicKey()).id("parity").principals(cert.principals())
                .validAfter(NOW.plus(Duration.ofHours(2L * cert.window() - 1)))
                .validBefore(NOW.plus(Duration.ofHours(2L * cert.window() + 1)));
        if (cert.sourceAddress() != null) {
            builder.criticalOption("source-address", cert.sourceAddress());
        }
        PublicKey presented = builder.sign(signer.toKeyPair());
        ConfigReloadHandle handle = new ConfigReloadHandle(DynamicConfig.defaults().withAuth(
                new AuthConfig(entries, List.of(), new TokenSettings(true, WINDOW))));
        ConfigIdentityProvider config = new ConfigIdentityProvider(handle, CLOCK);
        ProviderLogins byKey = logins(storage.identityProvider(IdentityIds.FINGERPRINT, WINDOW));
        ProviderLogins byAccount = logins(storage.identityProvider());

        LoginResult expected = config.authenticate(user, presented, CLIENT);
        assertThat(Decision.of(byKey.authenticate(user, presented, CLIENT))).isEqualTo(Decision.of(expected));
        LoginResult asAccount = byAccount.authenticate(user, presented, CLIENT);
        assertThat(asAccount.acceptedIdentity().map(Identity::id))
                .isEqualTo(expected.acceptedIdentity().map(id -> credentials.get(cert.signer()).ownerId()));
        Statistics.label("outcome").collect(expected instanceof LoginResult.Rejected r ? r.reason() : "accepted")
                .coverage(c -> c.check("accepted").count(n -> n > 0));

        // Revoking every CA (and dropping them from config) refuses the certificate on both sides alike.
        credentials.forEach(c -> storage.identities().revokePeerCredential(c.id()));
        handle.reload(DynamicConfig.defaults().withAuth(new AuthConfig(List.of(), List.of(),
                new TokenSettings(true, WINDOW))));
        assertThat(Decision.of(byKey.authenticate(user, presented, CLIENT)))
                .isEqualTo(Decision.of(config.authenticate(user, presented, CLIENT)))
                .extracting(Decision::reason).isEqualTo(AuthFailure.KEY_REJECTED);
    }

    private static ProviderLogins logins(StorageIdentityProvider provider) {
        return new ProviderLogins(provider, provider, CLOCK);
    }

    @Provide
    Arbitrary<Cert> certs() {
        return Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3)),
                Arbitraries.of("alice", "bob", "carol").set().ofMaxSize(3),
                Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, -1), Tuple.of(1, 1)),
                Arbitraries.of("127.0.0.1/32", "10.0.0.0/8").injectNull(0.7))
                .as(Cert::new);
    }

    @Provide
    Arbitrary<String> users() {
        return Arbitraries.of("alice", "bob", "carol");
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefgh:-").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.isBlank());
        Arbitrary<Grant> grant = Combinators.combine(
                name.set().ofMaxSize(4),
                Arbitraries.maps(name, name.set().ofMinSize(1).ofMaxSize(3)).ofMaxSize(2))
                .as(Grant::new);
        return grant.list();
    }

    private static Map<String, List<String>> lists(Grant grant) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        grant.resources().forEach((kind, names) -> out.put(kind, List.copyOf(names)));
        return out;
    }
}
