package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenSshPublicKeyTest {

    @ParameterizedTest
    @CsvSource({
        "user.pub,     ssh-ed25519,         SHA256:hMjeL0XvPjaVubDLAUdh0jhyWwTJYd6mqh9tBMffQFk",
        "ecdsa256.pub, ecdsa-sha2-nistp256, SHA256:br9YsT0Gi0JVwO8O4EtS0mAeOd4+ciOfu6uJ64FiOEM",
        "ecdsa384.pub, ecdsa-sha2-nistp384, SHA256:CVLBh7XledOn6GgGEiMNIu08cUlobPnaLSvofjyYttc",
        "ecdsa521.pub, ecdsa-sha2-nistp521, SHA256:zl0cYuCT7sFQQ/ogFLeC7X7MdtSOZk0gI3srSnCDOPs",
        "rsa3072.pub,  ssh-rsa,             SHA256:Rbbh3uHRciuXImamAPCCyRnz1Ge11c96+VFW7CWX3hA",
    })
    void parsesAcceptedTypesWithTheFingerprintSshKeygenPrints(String file, String type, String fingerprint) {
        OpenSshPublicKey key = Fixtures.publicKey(file);

        assertThat(key.type()).isEqualTo(type);
        assertThat(key.fingerprint()).isEqualTo(fingerprint);
        assertThat(key.comment()).isEqualTo(file.replace(".pub", ""));
        assertThat(KeyUtils.getFingerPrint(key.publicKey())).isEqualTo(fingerprint);
    }

    @Test
    void rejectsDsaSayingWhyAndWhatToUse() {
        assertThatThrownBy(() -> Fixtures.publicKey("dsa.pub"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("DSA")
                .hasMessageContaining("insecure")
                .hasMessageContaining("ssh-keygen -t ed25519");
    }

    @Test
    void rejectsRsaBelow3072BitsSayingWhyAndWhatToUse() {
        assertThatThrownBy(() -> Fixtures.publicKey("rsa2048.pub"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("2048 bits is too weak")
                .hasMessageContaining("3072")
                .hasMessageContaining("ssh-keygen -t ed25519");
    }

    @Test
    void rejectsCertificatesPointingToCertAuthority() {
        assertThatThrownBy(() -> Fixtures.publicKey("cert-valid.pub"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("certificate")
                .hasMessageContaining("cert-authority");
    }

    @Test
    void rejectsOptionsOnAPublicKeyLine() {
        assertThatThrownBy(() -> OpenSshPublicKey.parse("no-pty " + Fixtures.text("user.pub")))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("options");
    }

    @Test
    void rejectsATypeThatDisagreesWithTheKeyData() {
        String data = Fixtures.text("user.pub").split(" ")[1];

        assertThatThrownBy(() -> OpenSshPublicKey.parse("ecdsa-sha2-nistp256 " + data))
                .isInstanceOf(KeyFormatException.class);
    }

    @Test
    void rejectsTrailingBytesAfterTheKey() {
        byte[] blob = Fixtures.publicKey("user.pub").blob();
        byte[] longer = Arrays.copyOf(blob, blob.length + 3);

        assertThatThrownBy(() -> OpenSshPublicKey.fromBlob(longer))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> OpenSshPublicKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(longer)))
                .isInstanceOf(KeyFormatException.class);
    }

    @Test
    void rejectsTruncatedKeyData() {
        byte[] blob = Fixtures.publicKey("user.pub").blob();

        assertThatThrownBy(() -> OpenSshPublicKey.fromBlob(Arrays.copyOf(blob, 30)))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("cannot decode");
    }

    @Test
    void roundTripsThroughLineBlobAndJcaKey() {
        OpenSshPublicKey key = Fixtures.publicKey("rsa3072.pub");

        assertThat(OpenSshPublicKey.parse(key.toLine())).isEqualTo(key);
        assertThat(OpenSshPublicKey.parse(key.toLine()).comment()).isEqualTo("rsa3072");
        assertThat(OpenSshPublicKey.fromBlob(key.blob())).isEqualTo(key);
        assertThat(OpenSshPublicKey.of(key.publicKey()).fingerprint()).isEqualTo(key.fingerprint());
        assertThat(key.toLine()).isEqualTo(Fixtures.text("rsa3072.pub"));
    }

    @Test
    void equalityIgnoresTheComment() {
        OpenSshPublicKey key = Fixtures.publicKey("user.pub");

        assertThat(key.withComment("someone else")).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(key).isNotEqualTo(Fixtures.publicKey("ca.pub"));
        assertThat(key.toString()).isEqualTo("ssh-ed25519 " + Fixtures.USER_FINGERPRINT);
    }

    @Test
    void fingerprintsMatchSshKeygenForFreshKeys(@TempDir Path dir) throws Exception {
        ExternalTool.SSH_KEYGEN.assumeAvailable();
        for (String[] spec : new String[][] {{"ed25519", "256"}, {"ecdsa", "384"}, {"rsa", "3072"}}) {
            Path file = dir.resolve("id_" + spec[0]);
            ExternalTool.SSH_KEYGEN.run("-q", "-N", "", "-t", spec[0], "-b", spec[1], "-f", file.toString());
            String printed = ExternalTool.SSH_KEYGEN.run("-l", "-f", file + ".pub").split(" ")[1];

            OpenSshPublicKey key = OpenSshPublicKey.parse(Files.readString(Path.of(file + ".pub")));

            assertThat(key.fingerprint()).as(spec[0]).isEqualTo(printed);
        }
    }
}
