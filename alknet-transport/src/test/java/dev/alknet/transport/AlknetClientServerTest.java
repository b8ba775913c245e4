package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.testing.ClosingTarget;
import dev.alknet.transport.testing.DroppableRelay;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.LoopbackAlknetServer;
import dev.alknet.transport.testing.Socks5Client;
import dev.alknet.transport.testing.TunnelIo;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server over tcp: how tunnels end, cleanly or not. */
class AlknetClientServerTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("e2e-user");
    private static final OpenSshKeyPair HOST_KEY = OpenSshKeyPair.generateEd25519("e2e-host");
    private static final String ALLOW_LOOPBACK = """
            [forwarding]
            default = "deny"

            [[forwarding.rules]]
            target = "127.0.0.1:*"
            action = "allow"

            [[forwarding.rules]]
            target = "localhost:*"
            action = "allow"
            """;
    private static final byte[] GREETING = "hello, then goodbye\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static AlknetServer server;
    private static ClosingTarget closing;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackAlknetServer.start(dir, USER_KEY, HOST_KEY, ALLOW_LOOPBACK,
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
        return AlknetClient.builder()
                .server(new HostPort("127.0.0.1", server.listenAddresses().get(0).getPort()))
                .identity(USER_KEY)
                .serverKey(server.hostKey());
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
