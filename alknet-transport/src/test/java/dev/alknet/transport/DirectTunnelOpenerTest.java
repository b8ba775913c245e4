package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.TunnelOpenException.Reason;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.HttpConnectProxy;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.Loops;
import dev.alknet.transport.testing.Openers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DirectTunnelOpenerTest {

    @AfterAll
    static void noLeaks() throws Exception {
        LeakRecorder.assertNoLeaks();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Reason failureReason(TunnelOpener opener, String host, int port) {
        Throwable thrown = catchThrowable(() -> opener.open(host, port).join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(TunnelOpenException.class);
        TunnelOpenException failure = (TunnelOpenException) thrown.getCause();
        assertThat(failure.getMessage()).doesNotContain(host).doesNotContain(String.valueOf(port));
        return failure.reason();
    }

    /** Writes a line through a fresh tunnel, half-closes, and returns everything read back. */
    private static String roundTrip(TunnelOpener opener, int port, String host) {
        try (Tunnel tunnel = opener.open(host, port).join()) {
            tunnel.write(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).join();
            tunnel.shutdownOutput().join();
            StringBuilder received = new StringBuilder();
            for (ByteBuf chunk; (chunk = tunnel.read().join()) != null; ) {
                received.append(chunk.toString(StandardCharsets.US_ASCII));
                chunk.release();
            }
            return received.toString();
        }
    }

    @Test
    void opensAndCarriesBytesBothWaysWithHalfClose() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            assertThat(roundTrip(DirectTunnelOpener.direct(Loops.GROUP), echo.port(), "localhost")).isEqualTo("ping");
        }
    }

    @Test
    void aRefusedPortIsConnectionRefused() throws Exception {
        assertThat(failureReason(DirectTunnelOpener.direct(Loops.GROUP), "127.0.0.1", closedPort()))
                .isEqualTo(Reason.CONNECTION_REFUSED);
    }

    @Test
    void anUnresolvableNameIsUnreachable() {
        assertThat(failureReason(DirectTunnelOpener.direct(Loops.GROUP), "nonexistent.invalid", 80))
                .isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void throughASocks5ProxyWhichResolvesTheName() throws Exception {
        Openers.Recording proxySide = new Openers.Recording(DirectTunnelOpener.direct(Loops.GROUP));
        try (EchoServer echo = new EchoServer();
                FrontEndListener proxy = FrontEndListener.socks5(Loops.GROUP,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), proxySide).join()) {
            DirectTunnelOpener opener = DirectTunnelOpener.through(Loops.GROUP,
                    OutboundProxy.parse("socks5://127.0.0.1:" + proxy.localAddress().getPort()));
            assertThat(roundTrip(opener, echo.port(), "localhost")).isEqualTo("ping");
            assertThat(proxySide.destinations).containsExactly("localhost " + echo.port());
            assertThat(failureReason(opener, "127.0.0.1", closedPort())).isEqualTo(Reason.CONNECTION_REFUSED);
        }
    }

    @Test
    void throughAnHttpConnectProxy() throws Exception {
        try (EchoServer echo = new EchoServer(); HttpConnectProxy proxy = new HttpConnectProxy()) {
            DirectTunnelOpener opener = DirectTunnelOpener.through(Loops.GROUP,
                    OutboundProxy.parse("http://127.0.0.1:" + proxy.port()));
            assertThat(roundTrip(opener, echo.port(), "localhost")).isEqualTo("ping");
            assertThat(proxy.targets).containsExactly("localhost:" + echo.port());
            assertThat(failureReason(opener, "127.0.0.1", closedPort())).isEqualTo(Reason.FAILED);
        }
    }

    @Test
    void anUnreachableProxyIsFailed() throws Exception {
        DirectTunnelOpener opener = DirectTunnelOpener.through(Loops.GROUP,
                OutboundProxy.parse("socks5://127.0.0.1:" + closedPort()));
        assertThat(failureReason(opener, "localhost", 80)).isEqualTo(Reason.FAILED);
    }
}
