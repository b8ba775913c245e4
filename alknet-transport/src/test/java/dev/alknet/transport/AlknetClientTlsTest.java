package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.internal.sshd.NettyIoServiceFactoryFactory;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.TunnelIo;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client over TLS to a stealth listener (TLS, then the SSH-or-404 check), with a MINA server on the bridge
 * standing in for the server end: the client must speak first, and must verify the certificate.
 */
class AlknetClientTlsTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("tls-test");
    private static final OpenSshKeyPair HOST_KEY = OpenSshKeyPair.generateEd25519("host");
    private static SshServer server;
    private static EchoServer echo;

    @BeforeAll
    static void start() throws Exception {
        ListenerFrontEnd stealth = ListenerFrontEnd.create(ListenerConfig.tls(new HostPort("127.0.0.1", 0),
                Fixtures.server()).toBuilder().stealth(true).build());
        server = SshServer.setUpDefaultServer();
        server.setIoServiceFactoryFactory(NettyIoServiceFactoryFactory.create().withServerHook(ch -> {
            List<ChannelHandler> handlers = stealth.handlers(ch,
                    pipeline -> pipeline.fireUserEventTriggered(SshPipeline.READY));
            ch.pipeline().addLast(handlers.toArray(ChannelHandler[]::new));
            return SshPipeline.Start.ON_READY;
        }));
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(HOST_KEY.toKeyPair()));
        server.setPublickeyAuthenticator((user, key, session) ->
                KeyUtils.compareKeys(USER_KEY.publicKey().publicKey(), key));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();
        echo = new EchoServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        if (server != null) {
            server.stop(true);
        }
        LeakRecorder.assertNoLeaks();
    }

    private static AlknetClient.Builder client(TlsClientSettings tls) {
        return AlknetClient.builder()
                .server(new HostPort("127.0.0.1", server.getPort()))
                .transport(dev.alknet.core.TransportKind.TLS)
                .tls(tls)
                .identity(USER_KEY)
                .serverKey(HOST_KEY.publicKey());
    }

    @Test
    void tunnelsThroughAStealthListenerWithTheCertificateVerified() throws Exception {
        TlsClientSettings tls = TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem"))
                .serverName("localhost").build();
        try (AlknetClient client = client(tls).build()) {
            client.connect();
            byte[] data = TunnelIo.randomBytes(1024 * 1024, 5);
            try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
                assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
            }
        }
    }

    @Test
    void aCertificateFromAnotherCaFailsWithATlsError() throws Exception {
        TlsClientSettings systemTrust = TlsClientSettings.builder().serverName("localhost").build();
        try (AlknetClient client = client(systemTrust).build()) {
            assertThatThrownBy(client::connect)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.getPort() + " failed");
        }
    }
}
