package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenSshKeyPairTest {

    @ParameterizedTest
    @ValueSource(strings = {"user", "ecdsa256", "rsa3072", "ca-rsa"})
    void loadsUnencryptedOpenSshKeysMatchingTheirPublicHalf(String name) {
        OpenSshKeyPair pair = OpenSshKeyPair.parse(Fixtures.bytes(name + ".key"));

        assertThat(pair.publicKey()).isEqualTo(Fixtures.publicKey(name + ".pub"));
        assertThat(pair.privateKey()).isNotNull();
    }

    @Test
    void asksForAnUnencryptedKeyOrAnAgentWhenPassphraseProtected() {
        assertThatThrownBy(() -> OpenSshKeyPair.parse(Fixtures.bytes("encrypted.key")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("passphrase")
                .hasMessageContaining("unencrypted")
                .hasMessageContaining("ssh-agent");
    }

    @ParameterizedTest
    @CsvSource({
        "pkcs1-rsa.pem,       PKCS#1",
        "ec.pem,              BEGIN EC PRIVATE KEY",
        "pkcs8.pem,           PKCS#8",
        "pkcs8-encrypted.pem, BEGIN ENCRYPTED PRIVATE KEY",
    })
    void rejectsPemKeysNamingTheFormatAndTheFix(String file, String format) {
        assertThatThrownBy(() -> OpenSshKeyPair.parse(Fixtures.bytes(file)))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining(format)
                .hasMessageContaining("ssh-keygen -p -m RFC4716 -f");
    }

    @Test
    void saysSoWhenGivenAPublicKey() {
        assertThatThrownBy(() -> OpenSshKeyPair.parse(Fixtures.bytes("user.pub")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("public key");
    }

    @Test
    void namesTheFileWhenLoadingFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id_bad");
        Files.write(file, Fixtures.bytes("pkcs1-rsa.pem"));

        assertThatThrownBy(() -> OpenSshKeyPair.load(file))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void theAdvisedConversionReallyProducesALoadableKey(@TempDir Path dir) throws Exception {
        ExternalTool.SSH_KEYGEN.assumeAvailable();
        Path file = dir.resolve("legacy");
        Files.write(file, Fixtures.bytes("pkcs1-rsa.pem"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ExternalTool.SSH_KEYGEN.run("-p", "-P", "", "-N", "", "-m", "RFC4716", "-f", file.toString());

        assertThat(OpenSshKeyPair.load(file).publicKey().type()).isEqualTo("ssh-rsa");
    }

    @Test
    void generatesEd25519AndWritesPrivateAndPublicFiles(@TempDir Path dir) throws Exception {
        OpenSshKeyPair pair = OpenSshKeyPair.generateEd25519("alice@laptop");
        Path file = dir.resolve("id_ed25519");

        pair.write(file);

        assertThat(Files.readString(file)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("id_ed25519.pub"))).isEqualTo(pair.publicKey().toLine() + "\n")
                .endsWith(" alice@laptop\n");
        assertThat(OpenSshKeyPair.load(file).publicKey()).isEqualTo(pair.publicKey());
    }

    @Test
    void writtenKeysAreReadableBySshKeygen(@TempDir Path dir) {
        ExternalTool.SSH_KEYGEN.assumeAvailable();
        OpenSshKeyPair pair = OpenSshKeyPair.generateEd25519("keygen-check");
        Path file = dir.resolve("id_ed25519");
        pair.write(file);

        String derived = ExternalTool.SSH_KEYGEN.run("-y", "-f", file.toString()).strip();

        assertThat(OpenSshPublicKey.parse(derived)).isEqualTo(pair.publicKey());
    }

    @Test
    void neverOverwritesAnExistingKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id");
        Files.writeString(file, "precious");

        assertThatThrownBy(() -> OpenSshKeyPair.generateEd25519("x").write(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readString(file)).isEqualTo("precious");
        assertThat(dir.resolve("id.pub")).doesNotExist();
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        OpenSshKeyPair pair = OpenSshKeyPair.parse(Fixtures.bytes("user.key"));

        assertThat(pair.toString()).contains(Fixtures.USER_FINGERPRINT).contains("redacted");
    }
}
