package dev.alknet.transport.server;

import static dev.alknet.transport.server.ServerHarness.GUARD;
import static dev.alknet.transport.server.ServerHarness.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.RekeyLimit;
import dev.alknet.transport.testing.EchoServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real OpenSSH client forwarding through AlknetServer: -L, -D, -R, and policy denials. */
class OpenSshForwardingTest {

    private static final String ALLOW_LOOPBACK = """
            [forwarding]
            default = "deny"

            [[forwarding.rules]]
            target = "127.0.0.1:*"
            action = "allow"
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenSsh() {
        assumeTrue(ServerHarness.onPath("ssh") && ServerHarness.onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
    }

    @Test
    void localForwardCarriesBytesExactly() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK)) {
            int local = freePort();
            Process ssh = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, local);
            assertEchoes(local, 3 * 1024 * 1024, 7, true);
            assertThat(h.authLines).anySatisfy(line -> assertThat(line)
                    .startsWith("auth attempt remote_addr=127.0.0.1 user=tester key_fingerprint=SHA256:")
                    .endsWith("result=accept"));
            assertThat(h.authLines).anySatisfy(line ->
                    assertThat(line).isEqualTo("connection opened remote_addr=127.0.0.1 transport=tcp"));
        }
    }

    /**
     * OpenSSH's client and our server each renew keys after every MiB (OpenSSH's {@code -v} log shows the
     * exchanges) while 16 MiB go through {@code -L} and back.
     */
    @Test
    void localForwardKeepsEveryByteAcrossKeyExchangesFromBothSides() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK,
                List.of(ListenerConfig.tcp(new HostPort("127.0.0.1", 0))), null,
                builder -> builder.rekeyLimit(new RekeyLimit(1024 * 1024, Duration.ofHours(1))))) {
            int local = freePort();
            Process ssh = h.ssh("-v", "-o", "RekeyLimit=1M", "-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, local);
            assertEchoes(local, 16 * 1024 * 1024, 8, true);
            String log = Files.readString(dir.resolve("ssh-0.log"));
            assertThat(log.split("SSH2_MSG_KEXINIT sent", -1).length - 1)
                    .as("key exchanges in the ssh -v log").isGreaterThan(8);
        }
    }

    /**
     * Only our server has a small limit (OpenSSH's own is tens of GiB), so every key exchange after the first is
     * one our server started: its {@code RekeyLimit} reaches the sessions.
     */
    @Test
    void theServersRekeyLimitStartsKeyExchanges() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK,
                List.of(ListenerConfig.tcp(new HostPort("127.0.0.1", 0))), null,
                builder -> builder.rekeyLimit(new RekeyLimit(1024 * 1024, Duration.ofHours(1))))) {
            int local = freePort();
            Process ssh = h.ssh("-v", "-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, local);
            assertEchoes(local, 8 * 1024 * 1024, 9, true);
            String log = Files.readString(dir.resolve("ssh-0.log"));
            assertThat(log.split("SSH2_MSG_KEXINIT received", -1).length - 1)
                    .as("key exchanges in the ssh -v log").isGreaterThan(4);
        }
    }

    @Test
    void dynamicForwardServesCurlThroughSocks5h() throws Exception {
        assumeTrue(ServerHarness.onPath("curl"), "curl not installed; .ci/run installs curl");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "hello through alknet".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try (ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK)) {
            int socks = freePort();
            Process ssh = h.ssh("-D", "127.0.0.1:" + socks);
            h.awaitListening(ssh, socks);
            String body = ServerHarness.run("curl", "-sS", "--max-time", "20", "--socks5-hostname",
                    "127.0.0.1:" + socks, "http://127.0.0.1:" + http.getAddress().getPort() + "/");
            assertThat(body).isEqualTo("hello through alknet");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void remoteForwardReachesLocalTarget() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK)) {
            int remote = freePort();
            Process ssh = h.ssh("-R", "127.0.0.1:" + remote + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, remote);
            assertEchoes(remote, 256 * 1024, 8, false);
        }
    }

    @Test
    void remoteForwardCarriesAHalfCloseAndTheWholeReply() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK)) {
            int remote = freePort();
            Process ssh = h.ssh("-R", "127.0.0.1:" + remote + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, remote);
            // The server's -R listener passes the client's end of stream on as a channel EOF and keeps the
            // connection open for the reply, which must arrive whole, followed by end of stream.
            assertEchoes(remote, 256 * 1024, 9, true);
            assertEchoes(remote, 3 * 1024 * 1024, 10, true);
        }
    }

    @Test
    void remoteForwardIsReleasedWhenTheSessionEnds() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_LOOPBACK)) {
            int remote = freePort();
            Process ssh = h.ssh("-R", "127.0.0.1:" + remote + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, remote);
            ssh.destroy();
            ssh.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS);
            ServerHarness.await("-R port released", () -> !ServerHarness.accepts(remote));
            // The same forward can be had again by a new session.
            Process again = h.ssh("-R", "127.0.0.1:" + remote + ":127.0.0.1:" + echo.port());
            h.awaitListening(again, remote);
        }
    }

    @Test
    void deniedRemoteForwardFailsTheClient() throws Exception {
        String denyAll = "[forwarding]\ndefault = \"deny\"\n";
        try (ServerHarness h = new ServerHarness(dir, denyAll)) {
            int remote = freePort();
            Process ssh = h.ssh("-R", "127.0.0.1:" + remote + ":127.0.0.1:9");
            assertThat(ssh.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).as("ssh exits").isTrue();
            assertThat(ssh.exitValue()).isNotZero();
            assertThat(ServerHarness.accepts(remote)).isFalse();
        }
    }

    @Test
    void deniedLocalForwardConnectsNothing() throws Exception {
        String onlyPort1 = """
                [forwarding]
                default = "deny"

                [[forwarding.rules]]
                target = "127.0.0.1:1"
                action = "allow"
                """;
        try (ServerHarness.CountingTarget target = new ServerHarness.CountingTarget();
                ServerHarness h = new ServerHarness(dir, onlyPort1)) {
            int local = freePort();
            Process ssh = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + target.port());
            h.awaitListening(ssh, local);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), local)) {
                s.setSoTimeout((int) GUARD.toMillis());
                assertThat(s.getInputStream().read()).as("forward closed by the client").isEqualTo(-1);
            }
            assertThat(target.accepted).hasValue(0);
            assertThat(ssh.isAlive()).as("a refused channel leaves the session up").isTrue();
        }
    }

    @Test
    void deniedDynamicForwardFailsCurl() throws Exception {
        assumeTrue(ServerHarness.onPath("curl"), "curl not installed; .ci/run installs curl");
        try (ServerHarness.CountingTarget target = new ServerHarness.CountingTarget();
                ServerHarness h = new ServerHarness(dir, "[forwarding]\ndefault = \"deny\"\n")) {
            int socks = freePort();
            Process ssh = h.ssh("-D", "127.0.0.1:" + socks);
            h.awaitListening(ssh, socks);
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--socks5-hostname",
                    "127.0.0.1:" + socks, "http://127.0.0.1:" + target.port() + "/").redirectErrorStream(true).start();
            curl.getInputStream().readAllBytes();
            assertThat(curl.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).as("curl fails").isNotZero();
            assertThat(target.accepted).hasValue(0);
        }
    }

    /** Sends {@code size} random bytes and expects them back; {@code halfClose} ends the sending side first. */
    static void assertEchoes(int port, int size, long seed, boolean halfClose) throws Exception {
        byte[] sent = new byte[size];
        new Random(seed).nextBytes(sent);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) GUARD.toMillis());
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(sent);
                    if (halfClose) {
                        s.shutdownOutput();
                    }
                } catch (java.io.IOException e) {
                    // The reader fails the test.
                }
            });
            writer.start();
            InputStream in = s.getInputStream();
            byte[] got = halfClose ? in.readAllBytes() : in.readNBytes(size);
            writer.join(GUARD.toMillis());
            assertThat(got).hasSize(size).isEqualTo(sent);
        }
    }
}
