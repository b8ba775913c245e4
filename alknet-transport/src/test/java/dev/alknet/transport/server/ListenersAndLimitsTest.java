package dev.alknet.transport.server;

import static dev.alknet.transport.server.ServerHarness.GUARD;
import static dev.alknet.transport.server.ServerHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.RateLimits;
import dev.alknet.core.config.TlsFiles;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.RawClient;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tcp, tls and stealth listeners on one server; rate limits; bad input; ssh-audit. */
class ListenersAndLimitsTest {

    private static final String ALLOW_ALL = "[forwarding]\ndefault = \"allow\"\n";

    @TempDir
    Path dir;

    @BeforeEach
    void needsOpenSsh() {
        assumeTrue(ServerHarness.onPath("ssh") && ServerHarness.onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
    }

    @Test
    void tcpTlsAndStealthListenersServeOneServer() throws Exception {
        assumeTrue(ServerHarness.onPath("openssl") && ServerHarness.onPath("curl"),
                "openssl and curl not installed; .ci/run installs them");
        TlsFiles tls = new TlsFiles(fixture("server.cert.pem"), fixture("server.key.pem"));
        HostPort any = new HostPort("127.0.0.1", 0);
        List<ListenerConfig> listeners = List.of(ListenerConfig.tcp(any), ListenerConfig.tls(any, tls),
                ListenerConfig.tls(any, tls).toBuilder().stealth(true).build());
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_ALL, listeners, null)) {
            List<InetSocketAddress> bound = h.server.listenAddresses();
            assertThat(bound).hasSize(3);
            for (int i = 0; i < 3; i++) {
                int port = bound.get(i).getPort();
                int local = ServerHarness.freePort();
                String[] transport = i == 0 ? new String[0] : new String[] {"-o",
                        "ProxyCommand=openssl s_client -quiet -connect 127.0.0.1:%p -servername localhost"};
                Process ssh = h.sshAs("tester", h.userKey, port, concat(transport,
                        "-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port()));
                h.awaitListening(ssh, local);
                OpenSshForwardingTest.assertEchoes(local, 128 * 1024, i, true);
            }
            assertThat(h.authLines).contains("connection opened remote_addr=127.0.0.1 transport=tcp",
                    "connection opened remote_addr=127.0.0.1 transport=tls");
            String notFound = run("curl", "-sk", "-i", "--max-time", "20",
                    "https://localhost:" + bound.get(2).getPort() + "/");
            assertThat(notFound).startsWith("HTTP/1.1 404 Not Found").contains("Server: nginx");
        }
    }

    @Test
    void connectionsPerIpAreLimitedAndReloadsApplyToTheNextConnection() throws Exception {
        try (EchoServer echo = new EchoServer();
                ServerHarness h = new ServerHarness(dir, ALLOW_ALL + "\n[server]\nmax_connections_per_ip = 1\n")) {
            int local = ServerHarness.freePort();
            Process first = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(first, local);
            Process second = h.ssh();
            assertThat(second.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).as("second ssh refused").isTrue();
            assertThat(h.authLines).contains("connection rejected remote_addr=127.0.0.1 transport=tcp reason=rate_limit");

            h.config.update(c -> c.withRateLimits(new RateLimits(2, 10)));
            int local2 = ServerHarness.freePort();
            Process third = h.ssh("-L", "127.0.0.1:" + local2 + ":127.0.0.1:" + echo.port());
            h.awaitListening(third, local2);
            OpenSshForwardingTest.assertEchoes(local, 1024, 1, true);
        }
    }

    @Test
    void authAttemptsAreCappedPerConnection() throws Exception {
        Path stranger = dir.resolve("stranger");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());
        Path other = dir.resolve("other");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        try (ServerHarness h = new ServerHarness(dir, ALLOW_ALL + "\n[server]\nmax_auth_attempts = 1\n")) {
            Process ssh = h.sshAs("tester", stranger, h.port(), "-i", other.toString());
            assertThat(ssh.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(ssh.exitValue()).isNotZero();
            assertThat(h.authLines.stream().filter(l -> l.contains("result=reject")).count()).isEqualTo(1);
            assertThat(h.authLines).anySatisfy(l -> assertThat(l).startsWith("connection closed"));
        }
    }

    @Test
    void badInputClosesOnlyThatConnection() throws Exception {
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, ALLOW_ALL)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", h.port());
            try (RawClient silent = new RawClient(address);
                    RawClient garbage = new RawClient(address);
                    RawClient truncated = new RawClient(address)) {
                garbage.send("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                garbage.send(new byte[64 * 1024]);
                assertThat(closedAfterBanner(garbage)).as("garbage closed").isTrue();
                // A banner, then a packet header promising more than ever comes.
                truncated.send("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                truncated.send(new byte[] {0, 0, 1, 0, 4, 20, 1, 2});
                truncated.socket().shutdownOutput();
                assertThat(closedAfterBanner(truncated)).as("truncated packet closed").isTrue();

                int local = ServerHarness.freePort();
                Process ssh = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
                h.awaitListening(ssh, local);
                OpenSshForwardingTest.assertEchoes(local, 4096, 2, true);
                assertThat(silent.socket().isClosed()).isFalse();
            }
        }
    }

    @Test
    void sshAuditFindsNoFailures() throws Exception {
        assumeTrue(ServerHarness.onPath("ssh-audit"), "ssh-audit not installed; .ci/run installs it");
        try (ServerHarness h = new ServerHarness(dir, ALLOW_ALL)) {
            Process audit = new ProcessBuilder("ssh-audit", "-n", "-p", Integer.toString(h.port()), "127.0.0.1")
                    .redirectErrorStream(true).start();
            String report = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(audit.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(report).contains("SSH-2.0-alknet").doesNotContain("[fail]")
                    .as("pure-Java chacha20 is slow and Terrapin's cipher").doesNotContain("chacha20")
                    .contains("(enc) aes128-gcm@openssh.com", "(enc) aes128-ctr")
                    .as("post-quantum hybrid key exchange and Terrapin's strict-kex countermeasure")
                    .contains("(kex) mlkem768x25519-sha256", "(kex) sntrup761x25519-sha512@openssh.com",
                            "(kex) kex-strict-s-v00@openssh.com");
        }
    }

    /** Reads past the server's banner to the end: true when the server closed (or reset) the connection. */
    private static boolean closedAfterBanner(RawClient client) throws java.io.IOException {
        client.socket().setSoTimeout((int) GUARD.toMillis());
        try {
            client.socket().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ListenersAndLimitsTest.class.getResource("/dev/alknet/transport/tls/" + name).toURI());
    }
}
