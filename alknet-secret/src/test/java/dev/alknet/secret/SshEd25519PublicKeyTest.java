package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshEd25519PublicKeyTest {

    @Test
    void lineCarriesTheWireBlob() {
        ExtendedKey key = Slip10.derive(Curve.ED25519, Bip39.seed(AlknetPathsTest.ABANDON, ""), AlknetPaths.IDENTITY);
        SshEd25519PublicKey ssh = SshEd25519PublicKey.of(key);

        String[] parts = ssh.line("node@alknet").split(" ");
        assertThat(parts[0]).isEqualTo("ssh-ed25519");
        assertThat(parts[2]).isEqualTo("node@alknet");
        byte[] blob = Base64.getDecoder().decode(parts[1]);
        assertThat(blob).hasSize(51).startsWith(0, 0, 0, 11).isEqualTo(ssh.blob());
        assertThat(new String(blob, 4, 11, StandardCharsets.US_ASCII)).isEqualTo("ssh-ed25519");
        assertThat(Arrays.copyOfRange(blob, 19, 51)).isEqualTo(Arrays.copyOfRange(key.publicKey(), 1, 33));
        assertThat(ssh.line(" ")).isEqualTo(parts[0] + " " + parts[1]);
        assertThat(ssh.fingerprint()).startsWith("SHA256:").hasSize(7 + 43);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> new SshEd25519PublicKey(new byte[31])).hasMessageContaining("not 31");
        SshEd25519PublicKey ssh = new SshEd25519PublicKey(new byte[32]);
        assertThatThrownBy(() -> ssh.line("a\nb")).hasMessageContaining("line break");
        assertThatThrownBy(() -> SshEd25519PublicKey.of(Slip10.master(Curve.NIST256P1, new byte[16])))
                .hasMessageContaining("needs an ed25519 key");
    }

    @Test
    void sshKeygenPrintsTheSameFingerprint(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen not found: install the Debian package openssh-client to check"
                + " the line and fingerprint against OpenSSH (the wire-format test above still runs)");
        for (DerivationPath path : new DerivationPath[] {AlknetPaths.IDENTITY, AlknetPaths.SSH_HOST_KEY}) {
            SshEd25519PublicKey ssh = SshEd25519PublicKey.of(
                    Slip10.derive(Curve.ED25519, Bip39.seed(AlknetPathsTest.ABANDON, "TREZOR"), path));
            Path file = dir.resolve("key.pub");
            Files.writeString(file, ssh.line("derived") + "\n");

            Process process = new ProcessBuilder("ssh-keygen", "-l", "-f", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).isEqualTo("256 " + ssh.fingerprint() + " derived (ED25519)");
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
