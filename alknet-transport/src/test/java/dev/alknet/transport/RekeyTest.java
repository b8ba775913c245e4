package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.LoopbackAlknetServer;
import dev.alknet.transport.testing.TunnelIo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key re-exchanges in the middle of transfers, started by both our client and our server (each renews its keys
 * after every MiB): every byte arrives, in order, through {@code openChannel} and a {@code -L} listener. Before
 * the bridge marked write completions internal, MINA blocked the session's own event loop in the first exchange
 * that came during a transfer and the session hung until its idle timeout.
 */
class RekeyTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("rekey-user");
    private static final OpenSshKeyPair HOST_KEY = OpenSshKeyPair.generateEd25519("rekey-host");
    private static final RekeyLimit EVERY_MIB = new RekeyLimit(1024 * 1024, Duration.ofHours(1));
    private static final int SIZE = 24 * 1024 * 1024;

    @TempDir
    static Path dir;
    private static AlknetServer server;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackAlknetServer.start(dir, USER_KEY, HOST_KEY, LoopbackAlknetServer.ALLOW_LOOPBACK,
                ListenerConfig.tcp(new HostPort("127.0.0.1", 0)), builder -> builder.rekeyLimit(EVERY_MIB));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        LeakRecorder.assertNoLeaks();
    }

    private static AlknetClient.Builder client() {
        return LoopbackAlknetServer.client(server, USER_KEY)
                .rekeyLimit(EVERY_MIB);
    }

    @Test
    void openChannelCarriesEveryByteAcrossManyKeyExchanges() throws Exception {
        try (EchoServer echo = new EchoServer(); AlknetClient client = client().build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(SIZE, 31);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
            }
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void localForwardCarriesEveryByteAcrossManyKeyExchanges() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            LocalForward forward = new LocalForward(new HostPort("127.0.0.1", 0),
                    new HostPort("127.0.0.1", echo.port()));
            try (AlknetClient client = client().localForward(forward).build()) {
                client.connect();
                int port = client.localForwardAddresses().get(0).getPort();
                for (int connection = 0; connection < 2; connection++) {
                    byte[] data = TunnelIo.randomBytes(SIZE / 2, 32 + connection);
                    assertThat(TunnelIo.roundTrip(port, data)).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void limitsBelowTheMinimumAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> new RekeyLimit(1000, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
        assertThatThrownBy(() -> new RekeyLimit(1 << 20, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.01S");
    }
}
