package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.LoopbackAlknetServer;
import dev.alknet.transport.testing.OpenSshServer;
import dev.alknet.transport.testing.TunnelIo;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client outliving a restart of our server on the same port with the same host key. */
class AlknetClientServerReconnectTest {

    @AfterAll
    static void noLeaks() throws Exception {
        LeakRecorder.assertNoLeaks();
    }

    @Test
    void reconnectsToTheRestartedServerAndRegistersTheRemoteForwardAgain(@TempDir Path dir) throws Exception {
        OpenSshKeyPair user = OpenSshKeyPair.generateEd25519("reconnect-user");
        OpenSshKeyPair host = OpenSshKeyPair.generateEd25519("reconnect-host");
        int remotePort = OpenSshServer.freePort();
        AlknetServer first = LoopbackAlknetServer.start(dir, user, host, LoopbackAlknetServer.ALLOW_LOOPBACK,
                ListenerConfig.tcp(new HostPort("127.0.0.1", 0)));
        int port = first.listenAddresses().get(0).getPort();
        try (EchoServer echo = new EchoServer();
                AlknetClient client = AlknetClient.builder()
                        .server(new HostPort("127.0.0.1", port))
                        .identity(user)
                        .serverKey(host.publicKey())
                        .remoteForward(new RemoteForward(new HostPort("127.0.0.1", remotePort),
                                new HostPort("127.0.0.1", echo.port())))
                        .build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(256 * 1024, 31);
            assertThat(TunnelIo.roundTrip(remotePort, data)).isEqualTo(data);

            first.close();
            TunnelIo.await("client notices the server is gone", () -> !client.isConnected());

            try (AlknetServer second = LoopbackAlknetServer.start(dir, user, host, LoopbackAlknetServer.ALLOW_LOOPBACK,
                    ListenerConfig.tcp(new HostPort("127.0.0.1", port)))) {
                TunnelIo.await("client reconnects", client::isConnected);
                assertThat(TunnelIo.roundTrip(remotePort, data)).as("-R registered again").isEqualTo(data);
                try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                    assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
                }
                // Before the server goes, so that the client does not start reconnecting once more.
                client.close();
            }
        } finally {
            first.close();
        }
    }
}
