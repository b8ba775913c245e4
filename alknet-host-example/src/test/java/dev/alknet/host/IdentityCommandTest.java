package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.PeerCredential;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code alknet identity}: what it stores, and one clear line with exit code 2 for every bad input. */
class IdentityCommandTest {

    private static final OpenSshKeyPair KEY = OpenSshKeyPair.generateEd25519("alice@laptop");

    private Path dir;

    @BeforeEach
    @BeforeTry
    void dataDir() throws IOException {
        // Under target/ so that mvn clean removes them; jqwik tries cannot use @TempDir.
        Path parent = Files.createDirectories(Path.of("target", "identity-tests"));
        dir = Files.createTempDirectory(parent, "data-");
    }

    private Cli.Result identity(String... args) {
        List<String> command = new ArrayList<>(List.of("identity"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dir.toString()));
        return new Cli().run(command.toArray(String[]::new));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<PeerCredential> stored() {
        try (StorageService storage = StorageService.open(StorageConfig.inDataDir(dir))) {
            return storage.identities().accountByEmail("alice@example.org")
                    .map(a -> storage.identities().peerCredentials(a.id())).orElse(List.of());
        }
    }

    @Test
    void accountsKeysAndCasAreStoredShownAndRevoked() throws IOException {
        Cli.Result account = identity("add-account", "--email", "Alice@Example.org");
        assertThat(account.exitCode()).as(account.err()).isZero();
        assertThat(account.out()).matches("account \\S+ alice@example.org scopes=relay:connect\\n");
        OpenSshKeyPair ca = OpenSshKeyPair.generateEd25519("team CA");

        Cli.Result key = identity("add-key", "--account", "alice@example.org", "--file",
                file("key.pub", KEY.publicKey().toLine() + "\n").toString(), "--name", "laptop");
        Cli.Result authority = identity("add-key", "--account", "alice@example.org", "--ca", "--expires-in", "30d",
                "--file", file("ca.pub", "# the team CA\n" + ca.publicKey().toLine()).toString());

        assertThat(key.out()).startsWith("added ssh_key " + KEY.publicKey().fingerprint() + " to account ");
        assertThat(authority.out()).startsWith("added cert_authority " + ca.publicKey().fingerprint())
                .contains(" until ");
        // Listed by creation time in seconds, so two added in one second come in either order.
        assertThat(stored()).extracting(PeerCredential::type)
                .containsExactlyInAnyOrder(CredentialType.SSH_KEY, CredentialType.CERT_AUTHORITY);

        assertThat(identity("revoke", "--fingerprint", KEY.publicKey().fingerprint()).out())
                .isEqualTo("revoked " + KEY.publicKey().fingerprint() + "\n");
        assertThat(identity("revoke", "--fingerprint", KEY.publicKey().fingerprint()).out())
                .startsWith("already revoked: ");
        List<String> shown = identity("show", "--account", "alice@example.org").out().lines().toList();
        assertThat(shown.get(0)).isEqualTo(account.out().strip().replace(" scopes=", " active scopes="));
        assertThat(shown.subList(1, shown.size())).containsExactlyInAnyOrder(
                "  ssh_key " + KEY.publicKey().fingerprint() + " revoked laptop",
                "  cert_authority " + ca.publicKey().fingerprint() + " active");
    }

    @Test
    void scopesAndLevelAreTheOperatorsChoice() {
        Cli.Result result = identity("add-account", "--email", "ci@example.org", "--scope", "storage:read",
                "--scope", "team", "--level", "service", "--name", "CI");

        assertThat(result.out()).endsWith(" ci@example.org scopes=storage:read,team\n");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        identity("add-account", "--email", "alice@example.org");
        String key = file("key.pub", KEY.publicKey().toLine()).toString();

        identity("add-account", "--email", "ALICE@example.org").assertBadUsage("alknet identity add-account",
                "already exists");
        identity("add-account", "--email", "not-an-address").assertBadUsage("alknet identity add-account",
                "name@domain");
        identity("add-account", "--email", "x@example.org", "--level", "root").assertBadUsage(
                "alknet identity add-account", "--level");
        identity("add-key", "--account", "bob@example.org", "--file", key).assertBadUsage("alknet identity add-key",
                "no account bob@example.org");
        identity("add-key", "--account", "alice@example.org", "--file", dir.resolve("none.pub").toString())
                .assertBadUsage("alknet identity add-key", "no such file");
        identity("add-key", "--account", "alice@example.org", "--file", key, "--expires-in", "0d")
                .assertBadUsage("alknet identity add-key", "must be positive");
        identity("add-key", "--account", "alice@example.org", "--file",
                file("two.pub", KEY.publicKey().toLine() + "\n" + KEY.publicKey().toLine()).toString())
                .assertBadUsage("alknet identity add-key", "holds 2 key lines");
        identity("add-key", "--account", "alice@example.org", "--file",
                file("id", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n")
                        .toString()).assertBadUsage("alknet identity add-key", "is a private key");
        identity("add-key", "--account", "alice@example.org", "--file",
                file("opts.pub", "no-pty " + KEY.publicKey().toLine()).toString())
                .assertBadUsage("alknet identity add-key", "public key type must be one of");
        assertThat(identity("add-key", "--account", "alice@example.org", "--file", key).exitCode()).isZero();
        identity("add-key", "--account", "alice@example.org", "--file", key, "--ca")
                .assertBadUsage("alknet identity add-key", "already stored");
        identity("revoke", "--fingerprint", "SHA256:nothing").assertBadUsage("alknet identity revoke",
                "no stored key has fingerprint SHA256:nothing");
        identity("add-key", "--account", "alice@example.org").assertBadUsage("alknet identity add-key", "--file");
        identity().assertBadUsage("alknet identity", "missing command");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void serveRefusesConfigKeysWithStorageIdentitiesAndUnknownSources() {
        Cli.Result flags = new Cli().run("serve", "--identities", "storage", "--authorized-keys", "x",
                "--data-dir", dir.toString());
        flags.assertBadUsage("alknet serve", "--authorized-keys is for --identities config");
        new Cli().run("serve", "--identities", "ldap", "--data-dir", dir.toString())
                .assertBadUsage("alknet serve", "'ldap' is not a source of identities; use config or storage");
    }

    /** Whatever a key file holds, add-key stores one key or says in one line why not, storing nothing. */
    @Property(tries = 30)
    void anyKeyFileIsStoredOrRefusedInOneLine(@ForAll("keyFiles") byte[] content) throws IOException {
        identity("add-account", "--email", "alice@example.org");
        Path file = Files.write(dir.resolve("random.pub"), content);

        Cli.Result result = identity("add-key", "--account", "alice@example.org", "--file", file.toString());

        if (result.exitCode() == 0) {
            assertThat(stored()).hasSize(1);
        } else {
            result.assertBadUsage("alknet identity add-key", "--file");
            assertThat(stored()).isEmpty();
        }
    }

    /** Whatever the email flag holds, add-account creates that account (lower-case) or says in one line why not. */
    @Property(tries = 20)
    void anyEmailMakesAnAccountOrOneLine(@ForAll("emails") String email) {
        Cli.Result result = identity("add-account", "--email", email);

        if (result.exitCode() == 0) {
            assertThat(result.out()).contains(" " + email.strip().toLowerCase(Locale.ROOT) + " ");
        } else {
            result.assertBadUsage("alknet identity add-account", "email");
        }
    }

    /** Near misses of an address: letters, @, dots, spaces, control and non-ASCII characters. */
    @Provide
    Arbitrary<String> emails() {
        return Arbitraries.strings().withChars("ab.@ -_\t\u00e9\u0000+").ofMinLength(1).ofMaxLength(20)
                .filter(e -> !e.startsWith("-"));
    }

    /** Key lines with bytes changed, cut or added, and plain noise. */
    @Provide
    Arbitrary<byte[]> keyFiles() {
        byte[] line = (KEY.publicKey().toLine() + "\n").getBytes(StandardCharsets.UTF_8);
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, line.length - 1).list().ofMaxSize(3)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = line.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, line.length)
                .map(n -> Arrays.copyOf(line, n));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(mutated, cut, noise);
    }
}
