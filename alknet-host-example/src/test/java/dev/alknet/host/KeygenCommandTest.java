package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAnOwnerOnlyKeyPairAndPrintsTheLineAndFingerprint() throws IOException {
        Path key = dir.resolve("alice");
        Cli.Result result = new Cli().run("keygen", "-f", key.toString(), "-C", "alice@laptop");

        assertThat(result.exitCode()).isZero();
        OpenSshKeyPair pair = OpenSshKeyPair.load(key);
        String publicLine = Files.readString(dir.resolve("alice.pub"), StandardCharsets.UTF_8).strip();
        assertThat(publicLine).isEqualTo(pair.publicKey().withComment("alice@laptop").toLine());
        assertThat(result.out()).contains(publicLine).contains(pair.publicKey().fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void defaultsToTheIdentityInTheDataDirectoryThatConnectUses() {
        Path home = dir.resolve("home");
        Cli.Result result = new Cli().env(DataDir.ENV, home.toString()).run("keygen");

        assertThat(result.exitCode()).isZero();
        assertThat(home.resolve(DataDir.IDENTITY)).isRegularFile();
        assertThat(home.resolve(DataDir.IDENTITY + ".pub")).isRegularFile();
    }

    @Test
    void refusesToOverwriteEitherFile() throws IOException {
        Path key = dir.resolve("id");
        Files.writeString(dir.resolve("id.pub"), "keep me\n");

        Cli.Result result = new Cli().run("keygen", "-f", key.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("id.pub already exists");
        assertThat(key).doesNotExist();
        assertThat(dir.resolve("id.pub")).hasContent("keep me");
    }

    @Test
    void sshKeygenReadsTheKey() throws Exception {
        String sshKeygen = Tools.require("ssh-keygen");
        Path key = dir.resolve("interop");
        assertThat(new Cli().run("keygen", "-f", key.toString(), "-C", "interop").exitCode()).isZero();

        Process p = new ProcessBuilder(sshKeygen, "-y", "-f", key.toString())
                .redirectErrorStream(true).start();
        String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(derived).isZero();
        String publicLine = Files.readString(dir.resolve("interop.pub"), StandardCharsets.UTF_8).strip();
        assertThat(publicLine).startsWith(derived);
    }
}
