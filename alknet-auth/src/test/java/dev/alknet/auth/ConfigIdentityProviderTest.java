package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.TokenSettings;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class ConfigIdentityProviderTest {

    private static final OpenSshKeyPair ALICE = OpenSshKeyPair.generateEd25519("alice");
    private static final OpenSshKeyPair BOB = OpenSshKeyPair.generateEd25519("bob");
    private static final String CA = Fixtures.text("ca.pub");
    private static final TokenSettings TOKENS_ON = new TokenSettings(true, Duration.ofSeconds(300));
    private static final InetAddress CLIENT = Fixtures.address("192.0.2.7");
    private static final InetAddress STRANGER = Fixtures.address("198.51.100.1");


    static KeyEntry entry(String line, List<String> scopes) {
        return new KeyEntry(line, scopes, Map.of(), "alknet.toml:1 (auth.keys[0])");
    }

    static AuthConfig auth(KeyEntry... keys) {
        return new AuthConfig(List.of(keys), List.of(), TOKENS_ON);
    }

    static ConfigIdentityProvider provider(AuthConfig auth) {
        return new ConfigIdentityProvider(handle(auth), Fixtures.CLOCK);
    }

    static ConfigReloadHandle handle(AuthConfig auth) {
        return new ConfigReloadHandle(DynamicConfig.defaults().withAuth(auth));
    }

    static AuthToken token(OpenSshKeyPair pair) {
        try (TokenSigner signer = TokenSigner.of(pair, Fixtures.CLOCK)) {
            return signer.sign();
        }
    }

    private static String fingerprint(OpenSshKeyPair pair) {
        return pair.publicKey().fingerprint();
    }

    @Test
    void resolvesAKeyWithTheScopesAndResourcesOfItsEntry() {
        KeyEntry alice = new KeyEntry(ALICE.publicKey().toLine(), List.of("relay:connect", "service:gitea:read"),
                Map.of("service", List.of("gitea", "registry")), "alknet.toml:3 (auth.keys[0])");
        ConfigIdentityProvider provider = provider(auth(alice, entry(BOB.publicKey().toLine(), List.of("b"))));

        Identity identity = provider.resolveFromFingerprint(fingerprint(ALICE)).orElseThrow();

        assertThat(identity.id()).isEqualTo(fingerprint(ALICE));
        assertThat(identity.scopes()).containsExactlyInAnyOrder("relay:connect", "service:gitea:read");
        assertThat(identity.resources()).isEqualTo(Map.of("service", Set.of("gitea", "registry")));
        assertThat(provider.resolveFromFingerprint(fingerprint(BOB)).orElseThrow().scopes()).containsExactly("b");
        assertThat(provider.resolveFromFingerprint("SHA256:unknown")).isEmpty();
    }

    @Test
    void aReloadIsSeenByTheNextResolution() {
        ConfigReloadHandle handle = handle(auth(entry(ALICE.publicKey().toLine(), List.of("old"))));
        ConfigIdentityProvider provider = new ConfigIdentityProvider(handle, Fixtures.CLOCK);
        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE)).orElseThrow().scopes()).containsExactly("old");

        handle.reload(DynamicConfig.defaults().withAuth(auth(entry(ALICE.publicKey().toLine(), List.of("new")))));

        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE)).orElseThrow().scopes()).containsExactly("new");
        assertThat(provider.resolveFromToken(token(ALICE)).orElseThrow().scopes()).containsExactly("new");

        handle.reload(DynamicConfig.defaults());
        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE))).isEmpty();
    }

    @Test
    void aResolutionRacingReloadsSeesOneWholeSnapshot() throws InterruptedException {
        // In A the key has scope "a" and tokens are on; in B scope "b" and tokens off. A token identity with
        // scope "b" would be B's grant seen through A's token settings: a torn snapshot.
        DynamicConfig a = DynamicConfig.defaults().withAuth(auth(entry(ALICE.publicKey().toLine(), List.of("a"))));
        DynamicConfig b = DynamicConfig.defaults().withAuth(new AuthConfig(
                List.of(entry(ALICE.publicKey().toLine(), List.of("b"))), List.of(), TokenSettings.defaults()));
        ConfigReloadHandle handle = new ConfigReloadHandle(a);
        ConfigIdentityProvider provider = new ConfigIdentityProvider(handle, Fixtures.CLOCK);
        AuthToken token = token(ALICE);
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                Optional<Identity> byToken = provider.resolveFromToken(token);
                if (byToken.isPresent() && !byToken.get().scopes().equals(Set.of("a"))) {
                    problems.add("token identity " + byToken.get().scopes());
                }
                Set<String> scopes = provider.resolveFromFingerprint(fingerprint(ALICE)).orElseThrow().scopes();
                if (!scopes.equals(Set.of("a")) && !scopes.equals(Set.of("b"))) {
                    problems.add("fingerprint identity " + scopes);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2_000; i++) {
            handle.reload(i % 2 == 0 ? b : a);
        }
        done.set(true);
        reader.join();

        assertThat(problems).isEmpty();
    }

    @Test
    void keysFromFilesGetTheDefaultScopesAndTheCaFileOnlyTrustsCertificates(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), "# team\n" + ALICE.publicKey().toLine() + "\n");
        Files.writeString(dir.resolve("ca.pub"), CA + "\n");
        DynamicConfig config = ConfigLoader.parse("""
                [auth]
                authorized_keys = "authorized_keys"
                cert_authority = "ca.pub"
                """, dir).dynamicConfig();
        ConfigIdentityProvider provider = new ConfigIdentityProvider(new ConfigReloadHandle(config), Fixtures.CLOCK);

        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE)).orElseThrow().scopes())
                .containsExactlyElementsOf(AuthConfig.DEFAULT_SCOPES);
        assertThat(provider.resolveFromFingerprint(Fixtures.CA_FINGERPRINT)).isEmpty();
        LoginResult certificate = provider.authenticate("alice", Fixtures.certificate("cert-valid.pub"), CLIENT);
        assertThat(certificate.acceptedIdentity().orElseThrow())
                .isEqualTo(new Identity(Fixtures.USER_FINGERPRINT, Set.copyOf(AuthConfig.DEFAULT_SCOPES), Map.of()));
    }

    @Test
    void certAuthorityLinesNeverAuthenticateTheirOwnKey() {
        ConfigIdentityProvider provider = provider(auth(entry("cert-authority " + CA, List.of("ca"))));
        OpenSshPublicKey caKey = OpenSshPublicKey.parse(CA);

        assertThat(provider.resolveFromFingerprint(Fixtures.CA_FINGERPRINT)).isEmpty();
        LoginResult login = provider.authenticate("alice", caKey, CLIENT);
        assertThat(login).isEqualTo(new LoginResult.Rejected(AuthFailure.KEY_REJECTED,
                "key " + Fixtures.CA_FINGERPRINT + " is trusted only as a certificate authority"));
    }

    @Test
    void certificateIdentityIsTheCertifiedKeyWithTheGrantOfTheCaEntry() {
        KeyEntry ca = new KeyEntry("cert-authority " + CA, List.of("team"), Map.of("service", List.of("gitea")),
                "alknet.toml:5 (auth.keys[0])");
        ConfigIdentityProvider provider = provider(auth(ca));

        LoginResult.Accepted login = (LoginResult.Accepted) provider.authenticate("bob",
                Fixtures.certificate("cert-valid.pub"), CLIENT);

        assertThat(login.identity()).isEqualTo(new Identity(Fixtures.USER_FINGERPRINT, Set.of("team"),
                Map.of("service", Set.of("gitea"))));
        assertThat(login.certificate()).isPresent();
        assertThat(login.entry().isCertAuthority()).isTrue();
        assertThat(provider.resolveFromFingerprint(Fixtures.USER_FINGERPRINT)).isEmpty();
        assertThat(provider.authenticate("mallory", Fixtures.certificate("cert-valid.pub"), CLIENT))
                .isInstanceOf(LoginResult.Rejected.class);
    }

    @Test
    void aLoginCarriesTheForwardingPermissionAndForcedCommandOfItsLine() {
        String line = "restrict,command=\"/bin/true\",permitopen=\"db:5432\" " + ALICE.publicKey().toLine();
        LoginResult.Accepted login = (LoginResult.Accepted) provider(auth(entry(line, List.of("x"))))
                .authenticate("alice", ALICE.publicKey(), CLIENT);

        assertThat(login.portForwarding()).isFalse();
        assertThat(login.forceCommand()).contains("/bin/true");
        assertThat(login.permitOpen()).containsExactly("db:5432");
        assertThat(login.certificate()).isEmpty();
    }

    @Test
    void expiredKeyLinesAreRejectedEverywhere() {
        ConfigIdentityProvider provider = provider(auth(
                entry("expiry-time=\"20200101\" " + ALICE.publicKey().toLine(), List.of("x")),
                entry("expiry-time=\"21000101\" " + BOB.publicKey().toLine(), List.of("y"))));

        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE))).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE))).isEmpty();
        assertThat(provider.authenticate("alice", ALICE.publicKey().publicKey(), CLIENT))
                .isInstanceOfSatisfying(LoginResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(AuthFailure.KEY_EXPIRED));
        assertThat(provider.resolveFromFingerprint(fingerprint(BOB))).isPresent();
    }

    @Test
    void anExpiredLineFallsThroughToALaterLineOfTheSameKey() {
        ConfigIdentityProvider provider = provider(auth(
                entry("expiry-time=\"20200101\" " + ALICE.publicKey().toLine(), List.of("old")),
                entry(ALICE.publicKey().toLine(), List.of("current"))));

        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE)).orElseThrow().scopes())
                .containsExactly("current");
        assertThat(provider.resolveFromToken(token(ALICE)).orElseThrow().scopes()).containsExactly("current");
    }

    @Test
    void tokensAreAcceptedOnlyWhenEnabled() {
        KeyEntry alice = entry(ALICE.publicKey().toLine(), List.of("x"));
        ConfigIdentityProvider off = provider(new AuthConfig(List.of(alice), List.of(), TokenSettings.defaults()));
        ConfigIdentityProvider on = provider(auth(alice));

        assertThat(off.resolveFromToken(token(ALICE))).isEmpty();
        assertThat(off.authenticateToken(token(ALICE), CLIENT))
                .isEqualTo(new LoginResult.Rejected(AuthFailure.TOKEN_REJECTED, "token auth is disabled"));
        assertThat(on.resolveFromToken(token(ALICE))).isPresent();
        assertThat(on.resolveFromToken(token(BOB))).isEmpty();
    }

    @Test
    void tokensOutsideTheConfiguredWindowAreRejected() {
        AuthConfig narrow = new AuthConfig(List.of(entry(ALICE.publicKey().toLine(), List.of("x"))), List.of(),
                new TokenSettings(true, Duration.ofSeconds(10)));
        AuthToken old;
        try (TokenSigner signer = TokenSigner.of(ALICE, Fixtures.CLOCK)) {
            old = signer.sign(Fixtures.NOW.minusSeconds(11));
        }

        assertThat(provider(narrow).authenticateToken(old, CLIENT))
                .isEqualTo(new LoginResult.Rejected(AuthFailure.TOKEN_REJECTED, "token: too_old"));
    }

    @Test
    void aFromRestrictedKeyNeedsAMatchingClientAddress() {
        ConfigIdentityProvider provider = provider(auth(
                entry("from=\"192.0.2.0/24\" " + ALICE.publicKey().toLine(), List.of("x"))));

        assertThat(provider.resolveFromToken(token(ALICE))).isEmpty();
        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE))).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE), STRANGER)).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE), CLIENT)).isPresent();
        assertThat(provider.authenticate("alice", ALICE.publicKey(), CLIENT).acceptedIdentity()).isPresent();
        assertThat(provider.authenticate("alice", ALICE.publicKey(), STRANGER))
                .isInstanceOfSatisfying(LoginResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(AuthFailure.FROM_MISMATCH));
    }

    @Test
    void sshAndTokenLoginsOfOneKeyYieldTheSameIdentity() {
        KeyEntry alice = new KeyEntry(ALICE.publicKey().toLine(), List.of("relay:connect", "service:gitea:read"),
                Map.of("service", List.of("gitea")), "alknet.toml:3 (auth.keys[0])");
        ConfigIdentityProvider provider = provider(auth(alice));

        Identity ssh = provider.authenticate("alice", ALICE.publicKey().publicKey(), CLIENT).acceptedIdentity()
                .orElseThrow();

        assertThat(provider.resolveFromToken(token(ALICE), CLIENT)).contains(ssh);
        assertThat(provider.resolveFromToken(token(ALICE))).contains(ssh);
        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE))).contains(ssh);
    }

    @Test
    void validateNamesTheOriginOfABadLine() {
        AuthConfig bad = auth(entry(ALICE.publicKey().toLine(), List.of("x")),
                new KeyEntry("bogus-option " + BOB.publicKey().toLine(), List.of("y"), Map.of(),
                        "/etc/alknet/alknet.toml:12 (auth.keys[1])"));

        assertThatThrownBy(() -> ConfigIdentityProvider.validate(bad))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.source()).isEqualTo("/etc/alknet/alknet.toml:12 (auth.keys[1])"))
                .hasMessageStartingWith("/etc/alknet/alknet.toml:12 (auth.keys[1]): authorized key: ")
                .hasMessageContaining("bogus-option");
        ConfigIdentityProvider.validate(auth(entry(ALICE.publicKey().toLine(), List.of("x"))));
    }

    @Test
    void validateNamesTheCaFileLineOfABadCaKey() {
        AuthConfig bad = AuthConfig.empty().withCertAuthorities(List.of(
                new KeyEntry("ssh-ed25519 AAAA", List.of("y"), Map.of(), "/etc/alknet/ca.pub:2")));

        assertThatThrownBy(() -> ConfigIdentityProvider.validate(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/alknet/ca.pub:2: certificate authority: ");
    }

    @Test
    void anInvalidReloadedConfigAdmitsNobodyAndIsLoggedOnce() {
        List<String> errors = new ArrayList<>();
        ConfigReloadHandle handle = handle(auth(entry(ALICE.publicKey().toLine(), List.of("x"))));
        ConfigIdentityProvider provider = new ConfigIdentityProvider(handle, Fixtures.CLOCK, errorLogger(errors));
        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE))).isPresent();

        handle.reload(DynamicConfig.defaults().withAuth(auth(entry(ALICE.publicKey().toLine(), List.of("x")),
                entry("bogus-option " + BOB.publicKey().toLine(), List.of("y")))));

        assertThat(provider.resolveFromFingerprint(fingerprint(ALICE))).isEmpty();
        assertThat(provider.resolveFromToken(token(ALICE))).isEmpty();
        assertThat(provider.authenticate("alice", ALICE.publicKey(), CLIENT))
                .isInstanceOfSatisfying(LoginResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(AuthFailure.KEY_REJECTED));
        assertThat(errors).singleElement().asString()
                .contains("alknet.toml:1 (auth.keys[0]): authorized key: ")
                .doesNotContain(BOB.publicKey().toLine().split(" ")[1]);
    }

    /** A logger that keeps its ERROR messages, with the arguments filled in. */
    private static Logger errorLogger(List<String> errors) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "error" -> {
                        errors.add(((String) args[0]).replace("{}", String.valueOf(args[1])));
                        yield null;
                    }
                    case "toString" -> "ErrorLogger";
                    default -> throw new AssertionError("unexpected logger call " + method);
                });
    }
}
