package dev.alknet.transport.server;

import static dev.alknet.transport.server.ServerHarness.GUARD;
import static dev.alknet.transport.server.ServerHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.transport.testing.EchoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH user certificates made by {@code ssh-keygen -s}, trusted through a {@code cert-authority} line. */
class CertificateLoginTest {

    private static final String ALLOW_ALL = "[forwarding]\ndefault = \"allow\"\n";

    @TempDir
    Path dir;
    private Path ca;
    private Path user;

    @BeforeEach
    void keys() throws Exception {
        assumeTrue(ServerHarness.onPath("ssh") && ServerHarness.onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
        ca = dir.resolve("ca");
        user = dir.resolve("user");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ca", "-f", ca.toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "user", "-f", user.toString());
        Files.writeString(dir.resolve("authorized_keys"), "cert-authority " + Files.readString(Path.of(ca + ".pub")));
    }

    private void sign(Path signer, String principal, String validity) throws Exception {
        Files.deleteIfExists(Path.of(user + "-cert.pub"));
        run("ssh-keygen", "-q", "-s", signer.toString(), "-I", "test", "-n", principal, "-V", validity,
                user + ".pub");
    }

    @Test
    void validCertificateForwards() throws Exception {
        sign(ca, "tester", "-5m:+1h");
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_ALL)) {
            int local = ServerHarness.freePort();
            Process ssh = h.sshAs("tester", user, h.port(), "-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, local);
            OpenSshForwardingTest.assertEchoes(local, 64 * 1024, 3, true);
            assertThat(h.authLines).anySatisfy(line -> assertThat(line).contains("user=tester").endsWith("result=accept"));
        }
    }

    @Test
    void expiredCertificateIsRejected() throws Exception {
        sign(ca, "tester", "-2d:-1d");
        assertRejected("tester", "cert_expired");
    }

    @Test
    void wrongPrincipalIsRejected() throws Exception {
        sign(ca, "someone-else", "-5m:+1h");
        assertRejected("tester", "principal_mismatch");
    }

    @Test
    void unknownCaIsRejected() throws Exception {
        Path otherCa = dir.resolve("other-ca");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "other", "-f", otherCa.toString());
        sign(otherCa, "tester", "-5m:+1h");
        assertRejected("tester", "key_rejected");
    }

    private void assertRejected(String login, String reason) throws Exception {
        try (ServerHarness h = new ServerHarness(dir, ALLOW_ALL)) {
            Process ssh = h.sshAs(login, user, h.port(), "-o", "PubkeyAcceptedKeyTypes=ssh-ed25519-cert-v01@openssh.com");
            assertThat(ssh.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).as("ssh gives up").isTrue();
            assertThat(ssh.exitValue()).isNotZero();
            assertThat(h.authLines).anySatisfy(line -> assertThat(line)
                    .startsWith("auth attempt remote_addr=127.0.0.1 user=" + login + " key_fingerprint=SHA256:")
                    .endsWith("result=reject reason=" + reason));
            assertThat(h.authLines).noneSatisfy(line -> assertThat(line).endsWith("result=accept"));
        }
    }
}
