package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.testing.ClosingTarget;
import dev.alknet.transport.testing.DigestTarget;
import dev.alknet.transport.testing.DroppableRelay;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.HelloHttpServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.LoopbackAlknetServer;
import dev.alknet.transport.testing.OpenSshServer;
import dev.alknet.transport.testing.Socks5Client;
import dev.alknet.transport.testing.TunnelIo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against our server over tcp: {@code openChannel}, SOCKS5, {@code -L} and {@code -R} under the
 * server's forwarding policy, host key pinning, and how tunnels end (end of stream, half-close, a lost session).
 */
class AlknetClientServerTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("e2e-user");
    private static final OpenSshKeyPair HOST_KEY = OpenSshKeyPair.generateEd25519("e2e-host");
    private static final byte[] GREETING = "hello, then goodbye\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static AlknetServer server;
    private static ClosingTarget closing;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackAlknetServer.start(dir, USER_KEY, HOST_KEY, LoopbackAlknetServer.ALLOW_LOOPBACK,
                ListenerConfig.tcp(new HostPort("127.0.0.1", 0)));
        closing = new ClosingTarget(GREETING);
    }

    @AfterAll
    static void stop() throws Exception {
        if (closing != null) {
            closing.close();
        }
        if (server != null) {
            server.close();
        }
        LeakRecorder.assertNoLeaks();
    }

    private static AlknetClient.Builder client() {
        return LoopbackAlknetServer.client(server, USER_KEY);
    }

    @Test
    void openChannelMovesMebibytesByteExact() throws Exception {
        try (EchoServer echo = new EchoServer(); AlknetClient client = client().build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(6 * 1024 * 1024, 11);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
            }
        }
    }

    @Test
    void afterShuttingItsOutputTheCallerStillReadsTheWholeReply() throws Exception {
        try (DigestTarget target = new DigestTarget(); AlknetClient client = client().build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(1024 * 1024, 12);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", target.port()).get(60, TimeUnit.SECONDS)) {
                tunnel.write(Unpooled.wrappedBuffer(data)).get(60, TimeUnit.SECONDS);
                tunnel.shutdownOutput().get(60, TimeUnit.SECONDS);
                assertThat(readToEnd(tunnel)).isEqualTo(DigestTarget.replyTo(data));
            }
        }
    }

    @Test
    void curlThroughTheSocks5FrontEndToAnAllowedServer() throws Exception {
        HttpServer http = HelloHttpServer.start("hello through alknet");
        try (AlknetClient client = client().socks5(new HostPort("127.0.0.1", 0)).build()) {
            client.connect();
            int socksPort = client.socksAddress().orElseThrow().getPort();
            assertThat(Curl.get(socksPort, "http://localhost:" + http.getAddress().getPort() + "/"))
                    .isEqualTo("hello through alknet");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aDestinationThePolicyDeniesIsProhibitedForOpenChannelAndSocks5() throws Exception {
        // Nothing listens there: had the policy let it through, the reason would be CONNECTION_REFUSED.
        String denied = "127.0.0.2";
        try (AlknetClient client = client().socks5(new HostPort("127.0.0.1", 0)).build()) {
            client.connect();
            assertThatThrownBy(() -> client.openChannel(denied, closing.port()).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(TunnelOpenException.class)
                    .satisfies(e -> assertThat(((TunnelOpenException) e).reason())
                            .isEqualTo(TunnelOpenException.Reason.PROHIBITED));
            int socksPort = client.socksAddress().orElseThrow().getPort();
            try (Socks5Client.Reply reply = Socks5Client.connect(socksPort, denied, closing.port())) {
                assertThat(reply.code()).as("connection not allowed by ruleset").isEqualTo(2);
            }
            assertThat(client.isConnected()).as("a refused channel leaves the session up").isTrue();
        }
    }

    @Test
    void localForwardReachesTheTarget() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            LocalForward forward = new LocalForward(new HostPort("127.0.0.1", 0),
                    new HostPort("127.0.0.1", echo.port()));
            try (AlknetClient client = client().localForward(forward).build()) {
                client.connect();
                int port = client.localForwardAddresses().get(0).getPort();
                byte[] data = TunnelIo.randomBytes(2 * 1024 * 1024, 13);
                assertThat(TunnelIo.roundTrip(port, data)).isEqualTo(data);
            }
        }
    }

    @Test
    void remoteForwardOnAnAllowedBindReachesTheLocalTarget() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            int remotePort = OpenSshServer.freePort();
            RemoteForward forward = new RemoteForward(new HostPort("127.0.0.1", remotePort),
                    new HostPort("127.0.0.1", echo.port()));
            try (AlknetClient client = client().remoteForward(forward).build()) {
                client.connect();
                byte[] data = TunnelIo.randomBytes(2 * 1024 * 1024, 14);
                assertThat(TunnelIo.roundTrip(remotePort, data)).isEqualTo(data);
            }
        }
    }

    @Test
    void theServersPinnedHostKeyIsAcceptedAndAnyOtherRefused() throws Exception {
        try (AlknetClient pinned = client().build()) {
            pinned.connect();
            assertThat(pinned.isConnected()).isTrue();
        }
        OpenSshKeyPair other = OpenSshKeyPair.generateEd25519("not-the-host");
        try (AlknetClient wrong = client().serverKey(other.publicKey()).build()) {
            assertThatThrownBy(wrong::connect)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("host key mismatch")
                    .hasMessageContaining(server.hostKey().fingerprint());
        }
    }

    @Test
    void openChannelReadsEndOfStreamWhenTheTargetCloses() throws Exception {
        try (AlknetClient client = client().build()) {
            client.connect();
            try (Tunnel tunnel = client.openChannel("127.0.0.1", closing.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(readToEnd(tunnel)).isEqualTo(GREETING);
                assertThat(tunnel.read().get(60, TimeUnit.SECONDS)).as("end of stream stays the end").isNull();
            }
        }
    }

    @Test
    void aSocks5ClientSeesEndOfStreamWhenTheTargetCloses() throws Exception {
        try (AlknetClient client = client().socks5(new HostPort("127.0.0.1", 0)).build()) {
            client.connect();
            int socksPort = client.socksAddress().orElseThrow().getPort();
            try (Socks5Client.Reply reply = Socks5Client.connect(socksPort, "127.0.0.1", closing.port())) {
                assertThat(reply.code()).isZero();
                assertThat(reply.socket().getInputStream().readAllBytes()).isEqualTo(GREETING);
            }
        }
    }

    @Test
    void aDroppedSessionFailsTheOpenTunnelsInsteadOfEndingThem() throws Exception {
        try (EchoServer echo = new EchoServer();
                DroppableRelay path = new DroppableRelay(server.listenAddresses().get(0).getPort());
                AlknetClient client = client().server(new HostPort("127.0.0.1", path.port())).build()) {
            client.connect();
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                CompletableFuture<ByteBuf> waiting = tunnel.read();
                path.drop();
                assertThatThrownBy(() -> waiting.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(IOException.class)
                        .hasMessageContaining("tunnel broken");
            }
        }
    }

    /** Everything the tunnel delivers until its end of stream. */
    static byte[] readToEnd(Tunnel tunnel) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuf chunk = next(tunnel); chunk != null; chunk = next(tunnel)) {
            try {
                chunk.readBytes(all, chunk.readableBytes());
            } finally {
                chunk.release();
            }
        }
        return all.toByteArray();
    }

    private static ByteBuf next(Tunnel tunnel) throws Exception {
        return tunnel.read().get(TunnelIo.GUARD.toSeconds(), TimeUnit.SECONDS);
    }
}
