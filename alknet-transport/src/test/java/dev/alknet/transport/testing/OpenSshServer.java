package dev.alknet.transport.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.auth.OpenSshPublicKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenSSH server ({@code sshd -D -e}) on a free loopback port, with its own host key and
 * authorized_keys in a temporary directory, running as the current user. Can be killed, sessions included, and
 * started again on the same port, as when a server restarts.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private OpenSshServer(Path dir, int port) {
        this.dir = dir;
        this.config = dir.resolve("sshd_config");
        this.port = port;
    }

    /** Skips the calling test when sshd is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(SSHD) && onPath("ssh-keygen"),
                "OpenSSH server not installed (/usr/sbin/sshd); .ci/run installs openssh-server");
    }

    /** Starts sshd accepting {@code authorized} for the current user. */
    public static OpenSshServer start(Path dir, OpenSshPublicKey authorized) throws Exception {
        return start(dir, authorized, "LogLevel VERBOSE");
    }

    /** As {@link #start(Path, OpenSshPublicKey)} with {@code logLevel}, e.g. {@code LogLevel DEBUG1}. */
    public static OpenSshServer start(Path dir, OpenSshPublicKey authorized, String logLevel) throws Exception {
        assumeInstalled();
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString()));
        Files.writeString(dir.resolve("authorized_keys"), authorized.toLine() + "\n");
        OpenSshServer server = new OpenSshServer(dir, freePort());
        Files.writeString(server.config, String.join("\n",
                "Port " + server.port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "UsePAM no",
                "PidFile none",
                "StrictModes no",
                "AllowTcpForwarding yes",
                "GatewayPorts no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                logLevel,
                ""));
        // sshd refuses to start without its privilege separation directory, which a fresh container lacks.
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    /** The host key sshd presents. */
    public OpenSshPublicKey hostKey() throws IOException {
        return OpenSshPublicKey.parse(Files.readString(dir.resolve("host_ed25519.pub")).trim());
    }

    /** The user sshd logs in: whoever runs the tests. */
    public static String user() {
        return System.getProperty("user.name");
    }

    /** Starts sshd (again) on the same port and waits until it accepts connections. */
    public void restart() throws Exception {
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("sshd did not start: " + log());
            }
            Thread.sleep(20);
        }
    }

    /** Kills sshd and every session process it forked, as a crash or a reboot would. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command + ": " + output);
        }
    }
}
