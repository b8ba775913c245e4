package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.HttpConnectProxy;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.LoopbackAlknetServer;
import dev.alknet.transport.testing.Openers;
import dev.alknet.transport.testing.TunnelIo;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AlknetClient.builder().proxy(...)}: the client reaches its server through a SOCKS5 or HTTP CONNECT
 * proxy, plain or with TLS end to end, and says which hop failed when one does.
 */
class AlknetClientProxyTest {

    private static final OpenSshKeyPair USER_KEY = OpenSshKeyPair.generateEd25519("proxy-user");
    private static final OpenSshKeyPair HOST_KEY = OpenSshKeyPair.generateEd25519("proxy-host");
    /** Only the test SOCKS5 proxy knows this name, so connecting by it proves the proxy resolved it. */
    private static final String PROXY_ONLY_NAME = "server.alknet.invalid";

    @TempDir
    static Path dir;
    private static AlknetServer tcpServer;
    private static AlknetServer tlsServer;
    private static EchoServer echo;
    private static EventLoopGroup socksLoop;

    @BeforeAll
    static void start() throws Exception {
        Path tcpDir = Files.createDirectory(dir.resolve("tcp"));
        Path tlsDir = Files.createDirectory(dir.resolve("tls"));
        tcpServer = LoopbackAlknetServer.start(tcpDir, USER_KEY, HOST_KEY, LoopbackAlknetServer.ALLOW_LOOPBACK,
                ListenerConfig.tcp(new HostPort("127.0.0.1", 0)));
        tlsServer = LoopbackAlknetServer.start(tlsDir, USER_KEY, HOST_KEY, LoopbackAlknetServer.ALLOW_LOOPBACK,
                ListenerConfig.tls(new HostPort("127.0.0.1", 0), Fixtures.server()).toBuilder().stealth(true)
                        .build());
        echo = new EchoServer();
        socksLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        for (AlknetServer server : new AlknetServer[] {tcpServer, tlsServer}) {
            if (server != null) {
                server.close();
            }
        }
        if (socksLoop != null) {
            socksLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        LeakRecorder.assertNoLeaks();
    }

    private static int port(AlknetServer server) {
        return server.listenAddresses().get(0).getPort();
    }

    private static AlknetClient.Builder client(String host, AlknetServer server, OutboundProxy proxy) {
        return AlknetClient.builder()
                .server(new HostPort(host, port(server)))
                .proxy(proxy)
                .identity(USER_KEY)
                .serverKey(HOST_KEY.publicKey());
    }

    /** A SOCKS5 proxy (our own front end) that maps {@link #PROXY_ONLY_NAME} to loopback and records requests. */
    private static FrontEndListener socksProxy(Openers.Recording[] recording) throws Exception {
        TunnelOpener direct = DirectTunnelOpener.direct(socksLoop);
        recording[0] = new Openers.Recording((host, port) ->
                direct.open(PROXY_ONLY_NAME.equals(host) ? "127.0.0.1" : host, port));
        return FrontEndListener.socks5(socksLoop, new InetSocketAddress("127.0.0.1", 0), recording[0])
                .get(60, TimeUnit.SECONDS);
    }

    private static void assertEchoes(AlknetClient client, int size, long seed) throws Exception {
        byte[] data = TunnelIo.randomBytes(size, seed);
        try (Tunnel tunnel = client.openChannel("127.0.0.1", echo.port()).get(60, TimeUnit.SECONDS)) {
            assertThat(TunnelIo.roundTrip(tunnel, data)).isEqualTo(data);
        }
    }

    @Test
    void throughAnHttpConnectProxyTheServerNameTravelsUnresolved() throws Exception {
        try (HttpConnectProxy proxy = new HttpConnectProxy();
                AlknetClient client = client("localhost", tcpServer, new OutboundProxy(OutboundProxy.Scheme.HTTP,
                        new HostPort("127.0.0.1", proxy.port()))).build()) {
            client.connect();
            assertEchoes(client, 1024 * 1024, 1);
            assertThat(proxy.targets).containsExactly("localhost:" + port(tcpServer));
        }
    }

    @Test
    void throughASocks5ProxyThatAloneResolvesTheServerName() throws Exception {
        Openers.Recording[] recording = new Openers.Recording[1];
        try (FrontEndListener socks = socksProxy(recording);
                AlknetClient client = client(PROXY_ONLY_NAME, tcpServer, new OutboundProxy(
                        OutboundProxy.Scheme.SOCKS5, new HostPort("127.0.0.1", socks.localAddress().getPort())))
                        .build()) {
            client.connect();
            assertEchoes(client, 1024 * 1024, 2);
            assertThat(recording[0].destinations).containsExactly(PROXY_ONLY_NAME + " " + port(tcpServer));
        }
    }

    @Test
    void tlsRunsEndToEndThroughTheProxy() throws Exception {
        Openers.Recording[] recording = new Openers.Recording[1];
        TlsClientSettings tls = TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem"))
                .serverName("localhost").build();
        try (FrontEndListener socks = socksProxy(recording);
                AlknetClient client = client(PROXY_ONLY_NAME, tlsServer, new OutboundProxy(
                        OutboundProxy.Scheme.SOCKS5, new HostPort("127.0.0.1", socks.localAddress().getPort())))
                        .transport(TransportKind.TLS).tls(tls).build()) {
            client.connect();
            assertEchoes(client, 2 * 1024 * 1024, 3);
            assertThat(recording[0].destinations).containsExactly(PROXY_ONLY_NAME + " " + port(tlsServer));
        }
    }

    @Test
    void aProxyThatCannotReachTheServerIsNamedInTheError() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        try (HttpConnectProxy proxy = new HttpConnectProxy()) {
            OutboundProxy via = new OutboundProxy(OutboundProxy.Scheme.HTTP, new HostPort("127.0.0.1", proxy.port()));
            AlknetClient client = AlknetClient.builder().server(new HostPort("127.0.0.1", closed)).proxy(via)
                    .identity(USER_KEY).serverKey(HOST_KEY.publicKey()).build();
            assertThatThrownBy(client::connect).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the proxy " + via + " did not connect to 127.0.0.1:" + closed + ": ")
                    .hasMessageContaining("502");
            client.close();
        }
    }

    @Test
    void anUnreachableProxyIsNamedInTheError() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        OutboundProxy via = new OutboundProxy(OutboundProxy.Scheme.SOCKS5, new HostPort("127.0.0.1", closed));
        AlknetClient client = client("127.0.0.1", tcpServer, via).build();
        assertThatThrownBy(client::connect).isInstanceOf(IOException.class)
                .hasMessage("cannot connect to the proxy " + via + " (for 127.0.0.1:" + port(tcpServer)
                        + "): connection refused");
        client.close();
    }
}
