package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.OpenSshServer;
import dev.alknet.transport.testing.TunnelIo;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client outliving a server restart: it reconnects, registers -R again, and its listeners stay up. */
class AlknetClientReconnectTest {

    @AfterAll
    static void noLeaks() throws Exception {
        LeakRecorder.assertNoLeaks();
    }

    @Test
    void reconnectsAfterTheServerRestartsAndRegistersTheRemoteForwardAgain(@TempDir Path dir) throws Exception {
        OpenSshKeyPair key = OpenSshKeyPair.generateEd25519("reconnect-test");
        int remotePort = OpenSshServer.freePort();
        try (OpenSshServer sshd = OpenSshServer.start(dir, key.publicKey());
                EchoServer echo = new EchoServer();
                AlknetClient client = AlknetClient.builder()
                        .server(new HostPort("127.0.0.1", sshd.port()))
                        .identity(key)
                        .user(OpenSshServer.user())
                        .serverKey(sshd.hostKey())
                        .socks5(new HostPort("127.0.0.1", 0))
                        .remoteForward(new RemoteForward(new HostPort("127.0.0.1", remotePort),
                                new HostPort("127.0.0.1", echo.port())))
                        .build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(256 * 1024, 7);
            assertThat(TunnelIo.roundTrip(remotePort, data)).isEqualTo(data);
            int socksPort = client.socksAddress().orElseThrow().getPort();

            sshd.kill();
            TunnelIo.await("client notices the server is gone", () -> !client.isConnected());
            assertThatThrownBy(() -> client.openChannel("127.0.0.1", echo.port()).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(TunnelOpenException.class)
                    .satisfies(e -> assertThat(((TunnelOpenException) e).reason())
                            .isEqualTo(TunnelOpenException.Reason.NOT_CONNECTED));
            assertThat(socksConnectReply(socksPort, echo.port()))
                    .as("SOCKS5 listener stays up and answers with a failure while disconnected")
                    .isNotZero();

            sshd.restart();
            TunnelIo.await("client reconnects", client::isConnected);
            assertThat(TunnelIo.roundTrip(remotePort, data)).isEqualTo(data);
            assertThat(socksConnectReply(socksPort, echo.port())).isZero();

            client.close();
            assertThat(client.isConnected()).isFalse();
            assertThat(client.socksAddress()).isEmpty();
        }
    }

    /** The reply code of a SOCKS5 CONNECT to {@code 127.0.0.1:port}; 0 is success. */
    private static int socksConnectReply(int socksPort, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socksPort));
            s.setSoTimeout((int) TunnelIo.GUARD.toMillis());
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(new byte[] {5, 1, 0});
            assertThat(in.readNBytes(2)).containsExactly(5, 0);
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (port >> 8), (byte) port});
            byte[] reply = in.readNBytes(2);
            assertThat(reply[0]).isEqualTo((byte) 5);
            return reply[1];
        }
    }
}
