package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.Identity;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.TokenSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Parity with config-based auth (spec 2.6.1): the same keys with the same grants resolve to equal identities
 * through {@link ConfigIdentityProvider} and {@link StorageIdentityProvider} (fingerprint ids), by fingerprint
 * and by token, and to nobody once the key is gone from config and revoked in storage.
 */
abstract class IdentityParityContract {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofSeconds(300);

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

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefgh:-").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.isBlank());
        Arbitrary<Grant> grant = net.jqwik.api.Combinators.combine(
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
