package dev.alknet.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** OpenSSH's sshd on a loopback port with its own host key and one authorized key: the anchor. */
final class OpenSshServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private OpenSshServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static OpenSshServer start(Path work, String authorizedKeyLine) throws IOException, InterruptedException {
        Path sshd = Path.of("/usr/sbin/sshd");
        if (!Files.isExecutable(sshd)) {
            throw new IOException("OpenSSH server not installed (/usr/sbin/sshd): apt-get install openssh-server");
        }
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = work.resolve("sshd_host_ed25519_key");
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        Path authorized = work.resolve("sshd_authorized_keys");
        Files.writeString(authorized, authorizedKeyLine + "\n");
        int port = Processes.freePort();
        Path config = work.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + authorized,
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "StrictModes no",
                "PidFile none",
                "AllowTcpForwarding yes",
                "LogLevel ERROR", ""));
        Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("sshd.log").toFile()).start();
        Processes.awaitListening(port, process);
        return new OpenSshServer(process, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
