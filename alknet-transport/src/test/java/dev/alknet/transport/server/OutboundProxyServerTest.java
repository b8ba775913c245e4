package dev.alknet.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.DirectTunnelOpener;
import dev.alknet.transport.FrontEndListener;
import dev.alknet.transport.TunnelOpener;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.HttpConnectProxy;
import dev.alknet.transport.testing.NoLeaks;
import dev.alknet.transport.testing.Openers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code AlknetServer.builder().proxy(...)}: forwarding targets are reached through the proxy, not directly. */
@ExtendWith(NoLeaks.class)
class OutboundProxyServerTest {

    /** A name no resolver knows: only the test SOCKS5 proxy maps it, so reaching it proves the proxy was used. */
    private static final String PROXY_ONLY_HOST = "target.alknet.invalid";

    private static final String ALLOW_ALL = "[forwarding]\ndefault = \"allow\"\n";
    private static final List<ListenerConfig> TCP = List.of(ListenerConfig.tcp(new HostPort("127.0.0.1", 0)));

    @TempDir
    Path dir;

    @BeforeEach
    void needsOpenSsh() {
        assumeTrue(ServerHarness.onPath("ssh") && ServerHarness.onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
    }

    @Test
    void localForwardGoesThroughHttpConnectProxy() throws Exception {
        try (EchoServer echo = new EchoServer(); HttpConnectProxy proxy = new HttpConnectProxy();
                ServerHarness h = new ServerHarness(dir, ALLOW_ALL, TCP, null, b -> b.proxy(
                        new OutboundProxy(OutboundProxy.Scheme.HTTP, new HostPort("127.0.0.1", proxy.port()))))) {
            int local = ServerHarness.freePort();
            Process ssh = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, local);
            OpenSshForwardingTest.assertEchoes(local, 256 * 1024, 5, true);
            // awaitListening probed the forward once (an empty connection), so the target may appear twice.
            assertThat(proxy.targets).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo("127.0.0.1:" + echo.port()));
        }
    }

    @Test
    void localForwardGoesThroughSocks5ProxyWhichResolvesTheName() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (EchoServer echo = new EchoServer()) {
            TunnelOpener direct = DirectTunnelOpener.direct(group);
            // The proxy's own "resolver": the invalid name means the echo server; anything else goes as asked.
            Openers.Recording recording = new Openers.Recording((host, port) -> PROXY_ONLY_HOST.equals(host)
                    ? direct.open("127.0.0.1", echo.port()) : direct.open(host, port));
            FrontEndListener socks = FrontEndListener.socks5(group, new InetSocketAddress("127.0.0.1", 0), recording)
                    .get(ServerHarness.GUARD.toSeconds(), TimeUnit.SECONDS);
            OutboundProxy proxy = new OutboundProxy(OutboundProxy.Scheme.SOCKS5,
                    new HostPort("127.0.0.1", socks.localAddress().getPort()));
            try (socks; ServerHarness h = new ServerHarness(dir, ALLOW_ALL, TCP, null, b -> b.proxy(proxy))) {
                int local = ServerHarness.freePort();
                Process ssh = h.ssh("-L", "127.0.0.1:" + local + ":" + PROXY_ONLY_HOST + ":4242");
                h.awaitListening(ssh, local);
                OpenSshForwardingTest.assertEchoes(local, 256 * 1024, 6, true);
                assertThat(recording.destinations).isNotEmpty()
                        .allSatisfy(d -> assertThat(d).isEqualTo(PROXY_ONLY_HOST + " 4242"));
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
