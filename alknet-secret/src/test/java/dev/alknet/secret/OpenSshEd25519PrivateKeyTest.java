package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshEd25519PrivateKeyTest {
    static final ExtendedKey EXTENDED =
            Slip10.derive(Curve.ED25519, Bip39.seed(AlknetPathsTest.ABANDON, ""), AlknetPaths.IDENTITY);
    static final DerivedKey IDENTITY = new DerivedKey(KeyType.ED25519, AlknetPaths.IDENTITY, EXTENDED.privateKey(),
            Arrays.copyOfRange(EXTENDED.publicKey(), 1, 33));

    @Test
    void layoutFollowsProtocolKey() {
        String pem = new String(OpenSshEd25519PrivateKey.encode(IDENTITY, "node"), StandardCharsets.US_ASCII);
        List<String> lines = pem.lines().toList();
        assertThat(lines.get(0)).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("-----END OPENSSH PRIVATE KEY-----");
        assertThat(lines.subList(1, lines.size() - 1)).allMatch(l -> l.length() <= 70);
        ByteBuffer in = ByteBuffer.wrap(Base64.getMimeDecoder().decode(String.join("", lines.subList(1, lines.size() - 1))));

        byte[] magic = new byte[15];
        in.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("openssh-key-v1\0");
        assertThat(text(in)).isEqualTo("none");
        assertThat(text(in)).isEqualTo("none");
        assertThat(bytes(in)).isEmpty();
        assertThat(in.getInt()).isEqualTo(1);
        SshEd25519PublicKey publicKey = SshEd25519PublicKey.of(EXTENDED);
        assertThat(bytes(in)).isEqualTo(publicKey.blob());
        ByteBuffer section = ByteBuffer.wrap(bytes(in));
        assertThat(in.hasRemaining()).isFalse();
        assertThat(section.remaining() % 8).isZero();
        assertThat(section.getInt()).isEqualTo(section.getInt());
        assertThat(text(section)).isEqualTo("ssh-ed25519");
        assertThat(bytes(section)).isEqualTo(publicKey.key());
        byte[] secret = bytes(section);
        assertThat(Arrays.copyOf(secret, 32)).isEqualTo(IDENTITY.privateKey());
        assertThat(Arrays.copyOfRange(secret, 32, 64)).isEqualTo(publicKey.key());
        assertThat(text(section)).isEqualTo("node");
        for (int pad = 1; section.hasRemaining(); pad++) {
            assertThat(section.get()).isEqualTo((byte) pad);
        }
    }

    @Test
    void writeIsOwnerOnlyAndNeverOverwrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("id_ed25519");
        OpenSshEd25519PrivateKey.write(file, IDENTITY, "node");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("id_ed25519.pub")).strip())
                .isEqualTo(SshEd25519PublicKey.of(EXTENDED).line("node"));
        assertThatThrownBy(() -> OpenSshEd25519PrivateKey.write(file, IDENTITY, "node"))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> OpenSshEd25519PrivateKey.encode(IDENTITY, "a\rb")).hasMessageContaining("line break");
        DerivedKey aes = new DerivedKey(KeyType.AES256_GCM, AlknetPaths.ENCRYPTION_KEY, new byte[32], new byte[0]);
        assertThatThrownBy(() -> OpenSshEd25519PrivateKey.encode(aes, "")).hasMessageContaining("not AES256_GCM");
    }

    /** ssh-keygen signs with the file and checks the signature, which only the right private key can make. */
    @Test
    void sshKeygenSignsWithTheDerivedKey(@TempDir Path dir) throws Exception {
        assumeTrue(SshEd25519PublicKeyTest.onPath("ssh-keygen"), "ssh-keygen not found: install the Debian "
                + "package openssh-client to check the key file against OpenSSH (the layout test above still runs)");
        Path key = dir.resolve("id_ed25519");
        OpenSshEd25519PrivateKey.write(key, IDENTITY, "node");
        SshEd25519PublicKey publicKey = SshEd25519PublicKey.of(EXTENDED);

        assertThat(run(dir, "ssh-keygen", "-y", "-f", key.toString())).startsWith(publicKey.line(""));

        Path data = Files.writeString(dir.resolve("data"), "signed by a derived key");
        run(dir, "ssh-keygen", "-Y", "sign", "-f", key.toString(), "-n", "file", data.toString());
        String verdict = run(dir, "sh", "-c", "ssh-keygen -Y check-novalidate -n file -s data.sig < data");
        assertThat(verdict).contains("Good \"file\" signature").contains(publicKey.fingerprint());
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] out = new byte[in.getInt()];
        in.get(out);
        return out;
    }

    private static String text(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }
}
