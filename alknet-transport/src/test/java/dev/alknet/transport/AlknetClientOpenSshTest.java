package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.HelloHttpServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.OpenSshServer;
import dev.alknet.transport.testing.TunnelIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against the real OpenSSH server: tunnels, SOCKS5, -L, -R and host key checking. */
class AlknetClientOpenSshTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("client-test");

    @TempDir
    static Path dir;
    private static OpenSshServer sshd;
    private static EchoServer echo;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.start(dir, USER_KEY.publicKey());
        echo = new EchoServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        LeakRecorder.assertNoLeaks();
    }

    private static AlknetClient.Builder client() throws IOException {
        return AlknetClient.builder()
                .server(new HostPort("127.0.0.1", sshd.port()))
                .identity(USER_KEY)
                .user(OpenSshServer.user())
                .serverKey(sshd.hostKey());
    }

    @Test
    void openChannelMovesMebibytesByteExactAndSeesTheHalfClose() throws Exception {
        try (AlknetClient client = client().build()) {
            client.connect();
            assertThat(client.isConnected()).isTrue();
            byte[] data = TunnelIo.randomBytes(6 * 1024 * 1024, 1);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
            }
            try (Tunnel byName = client.openChannel("localhost", echo.port()).get(60, TimeUnit.SECONDS)) {
                byte[] small = TunnelIo.randomBytes(1000, 2);
                assertThat(TunnelIo.roundTrip(byName, small)).isEqualTo(small);
            }
        }
    }

    /**
     * sshd (no limit of its own) logs every key exchange the client starts: the client's {@code RekeyLimit} reaches
     * its sessions. Our server-side counterpart is {@code OpenSshForwardingTest.theServersRekeyLimitStartsKeyExchanges}.
     */
    @Test
    void theClientsRekeyLimitStartsKeyExchanges(@TempDir Path own) throws Exception {
        try (OpenSshServer verbose = OpenSshServer.start(own, USER_KEY.publicKey(), "LogLevel DEBUG1");
                AlknetClient client = AlknetClient.builder()
                        .server(new HostPort("127.0.0.1", verbose.port()))
                        .identity(USER_KEY)
                        .user(OpenSshServer.user())
                        .serverKey(verbose.hostKey())
                        .rekeyLimit(new RekeyLimit(1024 * 1024, Duration.ofHours(1)))
                        .build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(8 * 1024 * 1024, 3);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
            }
            // One exchange at login, then one per MiB the client sent or received (16 MiB in all).
            assertThat(verbose.log().split("SSH2_MSG_KEXINIT received", -1).length - 1).isGreaterThan(4);
        }
    }

    @Test
    void aRefusedDestinationFailsTheOpenWithConnectionRefused() throws Exception {
        try (AlknetClient client = client().build()) {
            client.connect();
            int closedPort = OpenSshServer.freePort();
            assertThatThrownBy(() -> client.openChannel("127.0.0.1", closedPort).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(TunnelOpenException.class)
                    .satisfies(e -> assertThat(((TunnelOpenException) e).reason())
                            .isEqualTo(TunnelOpenException.Reason.CONNECTION_REFUSED))
                    .message().doesNotContain(Integer.toString(closedPort));
        }
    }

    @Test
    void curlThroughTheSocks5FrontEndWithRemoteNameResolution() throws Exception {
        HttpServer http = HelloHttpServer.start("hello through sshd");
        try (AlknetClient client = client().socks5(new HostPort("127.0.0.1", 0)).build()) {
            client.connect();
            int socksPort = client.socksAddress().orElseThrow().getPort();
            assertThat(Curl.get(socksPort, "http://localhost:" + http.getAddress().getPort() + "/"))
                    .isEqualTo("hello through sshd");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void localForwardReachesTheTarget() throws Exception {
        LocalForward forward = new LocalForward(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", echo.port()));
        try (AlknetClient client = client().localForward(forward).build()) {
            client.connect();
            int port = client.localForwardAddresses().get(0).getPort();
            byte[] data = TunnelIo.randomBytes(2 * 1024 * 1024, 3);
            assertThat(TunnelIo.roundTrip(port, data)).isEqualTo(data);
        }
    }

    @Test
    void remoteForwardCarriesConnectionsToTheServerBackToTheLocalTarget() throws Exception {
        int remotePort = OpenSshServer.freePort();
        RemoteForward forward = new RemoteForward(new HostPort("127.0.0.1", remotePort),
                new HostPort("127.0.0.1", echo.port()));
        try (AlknetClient client = client().remoteForward(forward).build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(2 * 1024 * 1024, 4);
            assertThat(TunnelIo.roundTrip(remotePort, data)).isEqualTo(data);
        }
    }

    @Test
    void aPinnedKeyThatDoesNotMatchIsRefusedWithBothFingerprints() throws Exception {
        OpenSshKeyPair other = OpenSshKeyPair.generateEd25519("other");
        AlknetClient client = client().serverKey(other.publicKey()).build();
        assertThatThrownBy(client::connect)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("host key mismatch")
                .hasMessageContaining(other.publicKey().fingerprint())
                .hasMessageContaining(sshd.hostKey().fingerprint());
        assertThat(client.isConnected()).isFalse();
        client.close();
    }

    @Test
    void knownHostsRecordsTheKeyOnFirstUseThenAcceptsItAndRefusesAChangedOne() throws Exception {
        Path knownHosts = dir.resolve("tofu/known_hosts");
        AlknetClient.Builder tofu = AlknetClient.builder()
                .server(new HostPort("127.0.0.1", sshd.port()))
                .identity(USER_KEY)
                .user(OpenSshServer.user())
                .knownHosts(knownHosts);
        try (AlknetClient first = tofu.build()) {
            first.connect();
        }
        assertThat(Files.readString(knownHosts))
                .isEqualTo("[127.0.0.1]:" + sshd.port() + " " + sshd.hostKey().withComment("").toLine()
                        + System.lineSeparator());
        try (AlknetClient second = tofu.build()) {
            second.connect();
            assertThat(second.isConnected()).isTrue();
        }

        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " "
                + OpenSshKeyPair.generateEd25519("").publicKey().toLine() + "\n");
        try (AlknetClient changed = tofu.build()) {
            assertThatThrownBy(changed::connect)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("host key mismatch")
                    .hasMessageContaining(knownHosts.toString());
        }
    }

    @Test
    void anUnknownUserKeyFailsWithAnAuthenticationError() throws Exception {
        OpenSshKeyPair stranger = OpenSshKeyPair.generateEd25519("stranger");
        try (AlknetClient client = client().identity(stranger).build()) {
            assertThatThrownBy(client::connect)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("authentication failed")
                    .hasMessageContaining(stranger.publicKey().fingerprint());
        }
    }

    @Test
    void aServerThatIsNotThereIsReportedAsRefused() throws Exception {
        int nobody = OpenSshServer.freePort();
        try (AlknetClient client = client().server(new HostPort("127.0.0.1", nobody)).build()) {
            assertThatThrownBy(client::connect)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot connect to 127.0.0.1:" + nobody)
                    .hasMessageContaining("refused");
        }
    }
}
