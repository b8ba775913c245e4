package dev.alknet.callproto.net;

import static dev.alknet.callproto.net.NetFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.CallSession;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary first bytes on a raw framing listener end that connection only: the peer sees the server close it (after
 * a PROTOCOL_ERROR, or after a session that bytes happened to start ended), and a healthy session next to it keeps
 * working.
 */
class RawListenerProperties {

    private static NetFixture fixture;
    private static CallServer server;
    private static CallClient client;
    private static CallSession healthy;

    @BeforeContainer
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("raw-properties");
        fixture = new NetFixture(dir);
        server = CallServer.builder(SessionAcceptor.serving(fixture.headOps)).listener(NetFixture.rawTcp())
                .identities(fixture.identities).firstFrameTimeout(Duration.ofSeconds(5)).start();
        client = CallClient.builder().token(NetFixture.signer(fixture.clientKey)::sign).build();
        healthy = client.connect("127.0.0.1", port());
    }

    @AfterContainer
    static void stop() {
        healthy.close();
        client.close();
        server.close();
        fixture.head.close();
    }

    private static int port() {
        return server.listenAddresses().get(0).getPort();
    }

    @Property(tries = 60)
    void arbitraryFirstBytesCloseOnlyThatConnection(@ForAll @Size(min = 1, max = 64) byte[] bytes)
            throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout((int) NetFixture.GUARD.toMillis());
            socket.getOutputStream().write(bytes);
            // Half-close: a partial frame then reads as truncated instead of waiting for the timeout.
            socket.shutdownOutput();
            assertThat(RawFramingTest.drainsToEnd(socket.getInputStream())).isTrue();
        }
        assertThat(healthy.call("/head/jobs/list", json("{}")).get(20, TimeUnit.SECONDS).get("jobs").size())
                .isEqualTo(1);
    }
}
