package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.LoopbackAlknetServer;
import dev.alknet.transport.testing.Socks5Client;
import dev.alknet.transport.testing.TunnelIo;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against our server's stealth listener (TLS, then SSH or an nginx 404): the client's tunnels work
 * through it while an HTTPS prober on the same port sees only the decoy.
 */
class AlknetClientServerStealthTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("stealth-user");

    @TempDir
    static Path dir;
    private static AlknetServer server;
    private static EchoServer echo;

    @BeforeAll
    static void start() throws Exception {
        ListenerConfig stealth = ListenerConfig.tls(new HostPort("127.0.0.1", 0), Fixtures.server())
                .toBuilder().stealth(true).build();
        server = LoopbackAlknetServer.start(dir, USER_KEY, OpenSshKeyPair.generateEd25519("stealth-host"),
                LoopbackAlknetServer.ALLOW_LOOPBACK, stealth);
        echo = new EchoServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        if (server != null) {
            server.close();
        }
        LeakRecorder.assertNoLeaks();
    }

    private static int port() {
        return server.listenAddresses().get(0).getPort();
    }

    @Test
    void tunnelsWorkThroughTheStealthListenerWhileAProberGetsTheNginx404() throws Exception {
        TlsClientSettings tls = TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem"))
                .serverName("localhost").build();
        try (AlknetClient client = AlknetClient.builder()
                .server(new HostPort("127.0.0.1", port()))
                .transport(TransportKind.TLS)
                .tls(tls)
                .identity(USER_KEY)
                .serverKey(server.hostKey())
                .socks5(new HostPort("127.0.0.1", 0))
                .build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(2 * 1024 * 1024, 21);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
            }
            int socksPort = client.socksAddress().orElseThrow().getPort();
            byte[] small = TunnelIo.randomBytes(64 * 1024, 22);
            try (Socks5Client.Reply reply = Socks5Client.connect(socksPort, "127.0.0.1", echo.port())) {
                assertThat(reply.code()).isZero();
                reply.socket().getOutputStream().write(small);
                reply.socket().shutdownOutput();
                assertThat(reply.socket().getInputStream().readAllBytes()).isEqualTo(small);
            }

            String probe = Curl.insecureHttps("https://localhost:" + port() + "/");
            assertThat(probe).startsWith("HTTP/1.1 404 Not Found").contains("Server: nginx");
            assertThat(client.isConnected()).as("the probe does not disturb the client").isTrue();
        }
    }
}
