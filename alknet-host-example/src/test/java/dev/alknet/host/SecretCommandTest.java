package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandTest {
    static final String ABANDON =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    @TempDir
    Path dir;
    Path mnemonic;

    @BeforeEach
    void writeMnemonic() throws IOException {
        mnemonic = Files.writeString(dir.resolve("mnemonic"), ABANDON + "\n");
    }

    @Test
    void initPrintsAFreshMnemonicThatUnlocksToTheSameKeys() throws IOException {
        Cli.Result init = new Cli().run("secret", "init", "--words", "12");
        assertThat(init.exitCode()).as(init.err()).isZero();
        String words = init.out().lines().findFirst().orElseThrow();
        assertThat(words.split(" ")).hasSize(12);
        Files.writeString(mnemonic, words);

        Cli.Result unlocked = new Cli().run("secret", "unlock-test", "--mnemonic-file", mnemonic.toString());
        assertThat(unlocked.exitCode()).as(unlocked.err()).isZero();
        String identity = line(init.out(), "identity ssh-ed25519 ");
        assertThat(line(unlocked.out(), "identity ")).isEqualTo(identity);
    }

    @Test
    void pubkeyForEd25519AndSecp256k1() {
        Cli.Result ssh = new Cli().run("secret", "--mnemonic-file", mnemonic.toString(), "pubkey", "m/74'/0'/1'/0'");
        assertThat(ssh.exitCode()).as(ssh.err()).isZero();
        assertThat(ssh.out()).startsWith("ssh-ed25519 AAAA").contains(" m/74'/0'/1'/0'\nfingerprint SHA256:");

        Cli.Result eth = new Cli().run("secret", "pubkey", "m/44'/60'/0'/0/0", "--curve", "secp256k1",
                "--mnemonic-file", mnemonic.toString());
        assertThat(eth.exitCode()).as(eth.err()).isZero();
        assertThat(eth.out()).contains("address 0x9858EfFD232B4033E47d90003D41EC34EcaEda94");
    }

    @Test
    void writesAnIdentityKeyFileTheTunnelClientLoads() {
        Path key = dir.resolve("id_ed25519");
        Cli.Result result = new Cli().run("secret", "pubkey", "m/74'/0'/0'/0'", "--write-key", key.toString(),
                "--mnemonic-file", mnemonic.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();

        OpenSshKeyPair pair = OpenSshKeyPair.load(key);
        assertThat(result.out()).contains("fingerprint " + pair.publicKey().fingerprint());
        new Cli().run("secret", "pubkey", "m/74'/0'/0'/0'", "--write-key", key.toString(),
                "--mnemonic-file", mnemonic.toString()).assertBadUsage("alknet secret pubkey", "already exists");
    }

    @Test
    void encryptThenDecryptThroughFiles() throws IOException {
        Path plain = Files.writeString(dir.resolve("token"), "ghp_example");
        Cli.Result sealed = new Cli().run("secret", "encrypt", "--key-version", "2", "--in", plain.toString(),
                "--mnemonic-file", mnemonic.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(sealed.out()).startsWith("{\"key_version\":2,").doesNotContain("ghp_example");
        Path json = Files.writeString(dir.resolve("token.json"), sealed.out());

        Cli.Result opened = new Cli().run("secret", "decrypt", "--in", json.toString(),
                "--mnemonic-file", mnemonic.toString());
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(opened.out()).isEqualTo("ghp_example");

        Path other = Files.writeString(dir.resolve("other"), ABANDON);
        Path passphrase = Files.writeString(dir.resolve("pass"), "TREZOR\n");
        Cli.Result wrong = new Cli().run("secret", "decrypt", "--in", json.toString(),
                "--mnemonic-file", other.toString(), "--passphrase-file", passphrase.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.errLines()).singleElement().asString().contains("DECRYPTION_FAILED");
    }

    @Test
    void passwordIsDeterministic() {
        Cli.Result first = new Cli().run("secret", "password", "GitHub.com", "--length", "30",
                "--mnemonic-file", mnemonic.toString());
        Cli.Result second = new Cli().run("secret", "password", "github.com", "--length", "30",
                "--mnemonic-file", mnemonic.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().strip()).hasSize(30).isEqualTo(second.out().strip());
    }

    @Test
    void sealedSeedUnlocksWithoutTheMnemonic() throws IOException {
        Path sealPass = Files.writeString(dir.resolve("seal-pass"), "correct horse battery\n");
        Path seed = dir.resolve("seed.sealed");
        Cli.Result init = new Cli().run("secret", "init", "--seal", seed.toString(),
                "--seal-passphrase-file", sealPass.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();

        Cli.Result unlocked = new Cli().run("secret", "unlock-test", "--sealed", seed.toString(),
                "--seal-passphrase-file", sealPass.toString());
        assertThat(unlocked.exitCode()).as(unlocked.err()).isZero();
        assertThat(line(unlocked.out(), "identity ")).isEqualTo(line(init.out(), "identity "));

        Cli.Result again = new Cli().run("secret", "init", "--seal", seed.toString(),
                "--seal-passphrase-file", sealPass.toString());
        again.assertBadUsage("alknet secret init", "already exists");
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo() throws IOException {
        new Cli().run("secret", "unlock-test").assertBadUsage("alknet secret unlock-test", "--mnemonic-file");
        // The mnemonic is never an argument: extra words are refused before anything runs.
        new Cli().run("secret", "unlock-test", "abandon", "about")
                .assertBadUsage("alknet secret unlock-test", "Unmatched arguments");
        Files.writeString(mnemonic, ABANDON.replace("about", "abandon"));
        new Cli().run("secret", "unlock-test", "--mnemonic-file", mnemonic.toString())
                .assertBadUsage("alknet secret unlock-test", "checksum does not match");
        new Cli().run("secret", "pubkey", "m/44'/60'/0'/0/0", "--mnemonic-file", mnemonic.toString())
                .assertBadUsage("alknet secret pubkey", "checksum");
        Files.writeString(mnemonic, ABANDON);
        new Cli().run("secret", "pubkey", "m/44'/60'/0'/0/0", "--mnemonic-file", mnemonic.toString())
                .assertBadUsage("alknet secret pubkey", "hardened only");
        new Cli().run("secret", "pubkey", "m/x", "--mnemonic-file", mnemonic.toString())
                .assertBadUsage("alknet secret pubkey", "component 1 \"x\" is not an index");
        new Cli().run("secret").assertBadUsage("alknet secret", "missing command");
    }

    @Test
    void mnemonicFromStdin() {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream((ABANDON + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            Cli.Result result = new Cli().run("secret", "pubkey", "m/44'/60'/0'/0/0", "--curve", "secp256k1",
                    "--mnemonic-file", "-");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("0x9858EfFD232B4033E47d90003D41EC34EcaEda94");
        } finally {
            System.setIn(original);
        }
        new Cli().run("secret", "encrypt", "--mnemonic-file", "-")
                .assertBadUsage("alknet secret encrypt", "give the data with --in FILE");
    }

    @Test
    void helpListsTheSubcommands() {
        Cli.Result help = new Cli().run("secret", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("init", "unlock-test", "pubkey", "encrypt", "decrypt", "password",
                "--mnemonic-file");
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
