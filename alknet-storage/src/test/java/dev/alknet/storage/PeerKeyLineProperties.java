package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.OpenSshPublicKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * Public key lines given to {@link Identities#addPeerCredential}: mangled lines are rejected with a reason and
 * store nothing; a line storage accepts is one alknet-auth parses to the same fingerprint.
 */
class PeerKeyLineProperties {

    private StorageService storage;
    private Account owner;

    @BeforeProperty
    void open() {
        storage = StorageService.open(StorageBackend.SQLITE.freshDatabase());
        owner = storage.identities().createAccount("owner@example.org", null, AccessLevel.USER, Grant.none());
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 300)
    void keyLinesAreStoredWithAlknetAuthsFingerprintOrRejected(@ForAll("lines") String line) {
        Statistics.coverage(c -> {
            c.check("stored").count(n -> n > 0);
            c.check("rejected").count(n -> n > 0);
        });
        int before = storage.identities().peerCredentials(owner.id()).size();
        try {
            PeerCredential stored = storage.identities().addPeerCredential(owner.id(), CredentialType.SSH_KEY, line,
                    null, null);
            assertThat(stored.fingerprint()).isEqualTo(OpenSshPublicKey.parse(line).fingerprint());
            Statistics.collect("stored");
        } catch (StorageException e) {
            assertThat(e.kind()).as(e.getMessage()).isIn(StorageException.Kind.INVALID,
                    StorageException.Kind.ALREADY_EXISTS);
            assertThat(e.getMessage()).isNotBlank();
            assertThat(storage.identities().peerCredentials(owner.id())).hasSize(before);
            Statistics.collect("rejected");
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> valid = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                .map(comment -> OpenSshKeyPair.generateEd25519(comment).publicKey().toLine());
        Arbitrary<String> mangled = valid.flatMap(line -> Arbitraries.integers().between(0, line.length() - 1)
                .flatMap(i -> Arbitraries.oneOf(
                        Arbitraries.just(line.substring(0, i)),
                        Arbitraries.chars().map(ch -> line.substring(0, i) + ch + line.substring(i + 1)))));
        return Arbitraries.oneOf(valid, mangled, Arbitraries.strings().ofMaxLength(80));
    }
}
