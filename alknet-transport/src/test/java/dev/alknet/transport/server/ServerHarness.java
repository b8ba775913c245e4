package dev.alknet.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.AuthLog;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.AlknetConfig;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.AlknetServer;
import dev.alknet.transport.ControlChannelHandler;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;

/**
 * An {@link AlknetServer} on loopback configured from TOML (as operators write it), a user key made by
 * {@code ssh-keygen}, the fail2ban lines recorded, and helpers to run the real OpenSSH client against it.
 */
final class ServerHarness implements AutoCloseable {

    static final Duration GUARD = Duration.ofSeconds(30);

    final Path dir;
    final Path userKey;
    final List<String> authLines = new CopyOnWriteArrayList<>();
    final AlknetServer server;
    final ConfigReloadHandle config;
    private final List<Process> processes = new ArrayList<>();

    /**
     * @param toml the config after the generated parts: {@code [auth]} points at {@code authorized_keys} in
     *     {@code dir}, which holds the user key unless {@code authorizedKeys} says otherwise
     */
    ServerHarness(Path dir, String toml, List<ListenerConfig> listeners, ControlChannelHandler control)
            throws Exception {
        this(dir, toml, listeners, control, builder -> { });
    }

    /** As above, with {@code customize} applied to the builder last (e.g. an outbound proxy). */
    ServerHarness(Path dir, String toml, List<ListenerConfig> listeners, ControlChannelHandler control,
            Consumer<AlknetServer.Builder> customize) throws Exception {
        this.dir = dir;
        this.userKey = dir.resolve("id_ed25519");
        if (!Files.exists(userKey)) {
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tester", "-f", userKey.toString());
        }
        Path authorized = dir.resolve("authorized_keys");
        if (!Files.exists(authorized)) {
            Files.writeString(authorized, Files.readString(dir.resolve("id_ed25519.pub")));
        }
        Path file = dir.resolve("alknet.toml");
        Files.writeString(file, "[auth]\nauthorized_keys = \"authorized_keys\"\n\n" + toml);
        AlknetConfig loaded = ConfigLoader.load(file);
        config = new ConfigReloadHandle(loaded.dynamicConfig());
        AlknetServer.Builder builder = AlknetServer.builder()
                .config(config)
                .hostKey(OpenSshKeyPair.generateEd25519("host"))
                .authLog(new AuthLog(recordingLogger(authLines)));
        listeners.forEach(builder::listener);
        if (control != null) {
            builder.controlChannelHandler(control);
        }
        customize.accept(builder);
        server = builder.start();
    }

    ServerHarness(Path dir, String toml) throws Exception {
        this(dir, toml, List.of(ListenerConfig.tcp(new dev.alknet.core.config.HostPort("127.0.0.1", 0))), null);
    }

    int port() {
        return server.listenAddresses().get(0).getPort();
    }

    /** {@code ssh -N} with the harness key and the given forwarding options, output to {@code ssh-N.log}. */
    Process ssh(String... options) throws IOException {
        return sshAs("tester", userKey, port(), options);
    }

    Process sshAs(String user, Path key, int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("ssh", "-N", "-F", "/dev/null",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ExitOnForwardFailure=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                "-i", key.toString(), "-p", Integer.toString(port)));
        command.addAll(List.of(options));
        command.add(user + "@127.0.0.1");
        Path log = dir.resolve("ssh-" + processes.size() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    /** Waits until {@code port} accepts on loopback or {@code ssh} exits; fails with its log if it exited. */
    void awaitListening(Process ssh, int port) throws Exception {
        await("port " + port + " listening", () -> !ssh.isAlive() || accepts(port));
        if (!ssh.isAlive()) {
            throw new AssertionError("ssh exited with " + ssh.exitValue() + ": "
                    + Files.readString(dir.resolve("ssh-" + processes.indexOf(ssh) + ".log")) + "\nauth log: " + authLines);
        }
    }

    static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Skips the test, saying why, where the OpenSSH client is not installed. */
    static void assumeOpenSshClient() {
        Assumptions.assumeTrue(onPath("ssh") && onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a tool to completion and returns its output; fails on a non-zero exit. */
    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** A SLF4J logger that keeps what {@link AuthLog} writes. */
    static Logger recordingLogger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isInfoEnabled" -> true;
                    case "getName" -> AuthLog.LOGGER_NAME;
                    case "info" -> {
                        lines.add((String) args[0]);
                        yield null;
                    }
                    default -> null;
                });
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
            p.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS);
        }
        server.close();
    }

    /** A TCP target that counts the connections it accepted and closes them. */
    static final class CountingTarget implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();

        CountingTarget() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "counting-target");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return ((InetSocketAddress) socket.getLocalSocketAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
