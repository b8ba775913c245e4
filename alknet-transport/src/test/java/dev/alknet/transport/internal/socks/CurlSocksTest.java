package dev.alknet.transport.internal.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.alknet.transport.DirectTunnelOpener;
import dev.alknet.transport.FrontEndListener;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.Loops;
import dev.alknet.transport.testing.Openers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** curl as the reference SOCKS5 client, through the server and the direct opener to a JDK HTTP server. */
class CurlSocksTest {

    private static final String BODY = "hello through socks";
    private static Openers.Recording opener;
    private static FrontEndListener socks;

    @BeforeAll
    static void start() {
        assumeTrue(curlInstalled(), "curl is not installed; .ci/run installs it (apt-get install curl)");
        opener = new Openers.Recording(DirectTunnelOpener.direct(Loops.GROUP));
        socks = FrontEndListener.socks5(Loops.GROUP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                opener).join();
    }

    @AfterAll
    static void stop() throws Exception {
        if (socks != null) {
            socks.close();
        }
        LeakRecorder.assertNoLeaks();
    }

    private static boolean curlInstalled() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static HttpServer http(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String curl(String socksOption, String url) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", socksOption,
                "127.0.0.1:" + socks.localAddress().getPort(), url).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void socks5HostnameSendsTheNameUnresolved() throws Exception {
        HttpServer server = http(InetAddress.getByName("127.0.0.1"));
        try {
            int port = server.getAddress().getPort();
            opener.destinations.clear();
            assertThat(curl("--socks5-hostname", "http://localhost:" + port + "/")).isEqualTo(BODY);
            assertThat(opener.destinations).isEqualTo(List.of("localhost " + port));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void socks5WithAnIpv4Address() throws Exception {
        HttpServer server = http(InetAddress.getByName("127.0.0.1"));
        try {
            int port = server.getAddress().getPort();
            assertThat(curl("--socks5", "http://127.0.0.1:" + port + "/")).isEqualTo(BODY);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void socks5WithAnIpv6Target() throws Exception {
        HttpServer server;
        try {
            server = http(InetAddress.getByName("::1"));
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine");
            return;
        }
        try {
            int port = server.getAddress().getPort();
            opener.destinations.clear();
            assertThat(curl("--socks5-hostname", "http://[::1]:" + port + "/")).isEqualTo(BODY);
            assertThat(opener.destinations).isEqualTo(List.of("::1 " + port));
        } finally {
            server.stop(0);
        }
    }
}
