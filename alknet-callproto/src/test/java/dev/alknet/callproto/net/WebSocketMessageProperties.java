package dev.alknet.callproto.net;

import static dev.alknet.callproto.net.NetFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.CallSession;
import dev.alknet.core.frame.EventEnvelope;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary message contents on a WebSocket connection affect that connection only: the server answers a probe call
 * sent after them or closes the connection (after a PROTOCOL_ERROR), and a healthy session next to it keeps working.
 */
class WebSocketMessageProperties {

    private static final String PROBE = """
            {"type": "call.requested", "id": "", "payload": {"requestId": "probe", "operationId": "/head/jobs/list",
             "input": {}}}""";

    private static NetFixture fixture;
    private static WebSocketServer server;
    private static WebSocketCallClient client;
    private static CallSession healthy;

    @BeforeContainer
    static void start() throws Exception {
        fixture = new NetFixture(Files.createTempDirectory("ws-properties"));
        server = WebSocketServer.builder(SessionAcceptor.serving(fixture.headOps)).listener(NetFixture.rawTcp())
                .identities(fixture.identities).start();
        client = WebSocketCallClient.builder().token(NetFixture.signer(fixture.clientKey)::sign).build();
        healthy = client.connect(uri());
    }

    @AfterContainer
    static void stop() {
        healthy.close();
        client.close();
        server.close();
        fixture.head.close();
    }

    private static URI uri() {
        return URI.create("ws://127.0.0.1:" + server.listenAddresses().get(0).getPort() + "/alknet");
    }

    @Property(tries = 40)
    void arbitraryBinaryMessagesAffectOnlyTheirConnection(@ForAll @Size(max = 64) byte[] bytes) throws Exception {
        try (RawWebSocket peer = RawWebSocket.connect(uri(), null)) {
            peer.sendBinary(bytes);
            assertProbeAnsweredOrClosed(peer);
        }
        assertHealthy();
    }

    @Property(tries = 40)
    void arbitraryTextMessagesAffectOnlyTheirConnection(
            @ForAll @StringLength(max = 64) @CharRange(from = ' ', to = '~') String text) throws Exception {
        try (RawWebSocket peer = RawWebSocket.connect(uri(), null)) {
            peer.sendText(text);
            assertProbeAnsweredOrClosed(peer);
        }
        assertHealthy();
    }

    /** A closed connection may refuse the probe; an open one must answer it (after any error for the garbage). */
    private static void assertProbeAnsweredOrClosed(RawWebSocket peer) throws Exception {
        try {
            peer.sendText(PROBE);
        } catch (RuntimeException closedMeanwhile) {
            assertThat(peer.closeCode()).isIn(1007, -1);
            return;
        }
        while (true) {
            EventEnvelope reply = peer.nextOrNullWhenClosed();
            if (reply == null) {
                assertThat(peer.closeCode()).isIn(1007, -1);
                return;
            }
            if ("probe".equals(reply.payload().path("requestId").asString())) {
                assertThat(reply.type()).isEqualTo("call.responded");
                return;
            }
            assertThat(reply.type()).isEqualTo("call.error");
        }
    }

    private static void assertHealthy() throws Exception {
        assertThat(healthy.call("/head/jobs/list", json("{}")).get(20, TimeUnit.SECONDS).get("jobs").size())
                .isEqualTo(1);
    }
}
