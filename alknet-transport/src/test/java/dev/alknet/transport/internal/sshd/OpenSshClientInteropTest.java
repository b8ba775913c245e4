package dev.alknet.transport.internal.sshd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.NoLeaks;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real OpenSSH client forwarding through a MINA server that runs on the bridge. */
@ExtendWith(NoLeaks.class)
class OpenSshClientInteropTest {

    @Test
    void opensshLocalForwardReachesEchoServer(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ssh") && onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
        Path key = dir.resolve("id_ecdsa");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", key.toString()));
        String publicLine = Files.readString(dir.resolve("id_ecdsa.pub")).trim();

        try (EchoServer echo = new EchoServer(); SshFixture ssh = new SshFixture()) {
            ssh.authorized.add(PublicKeyEntry.parsePublicKeyEntry(publicLine)
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
            int localPort = Loopback.freePort();
            Process ssh1 = new ProcessBuilder("ssh", "-N", "-F", "/dev/null",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o", "IdentitiesOnly=yes",
                    "-i", key.toString(), "-p", Integer.toString(ssh.port()),
                    "-L", "127.0.0.1:" + localPort + ":127.0.0.1:" + echo.port(), "tester@127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ssh.log").toFile()).start();
            try {
                Loopback.await("ssh -L listening", () -> ssh1.isAlive() && accepts(localPort) || !ssh1.isAlive());
                assumeAlive(ssh1, dir);
                Loopback.assertEchoes(localPort, 4 * 1024 * 1024, 11);
                Loopback.assertEchoes(localPort, 100, 12);
            } finally {
                ssh1.destroy();
                ssh1.waitFor(Loopback.GUARD.toSeconds(), TimeUnit.SECONDS);
            }
            Loopback.await("server sessions gone", () -> ssh.server.getActiveSessions().isEmpty());
        }
    }

    private static void assumeAlive(Process process, Path dir) throws Exception {
        if (!process.isAlive()) {
            throw new AssertionError("ssh exited with " + process.exitValue() + ": "
                    + Files.readString(dir.resolve("ssh.log")));
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(Loopback.GUARD.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("failed: " + command);
        }
    }
}
