package dev.alknet.callproto.net;

import static dev.alknet.callproto.net.NetFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.AuthLog;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.Worker;
import dev.alknet.core.Identity;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OriginPolicy;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A head on WebSocket listeners (ws and wss), a worker connected over ws with a token (the head calls it over the
 * worker's connection), alknet clients over wss, and plain WebSocket clients sending what a TypeScript peer would.
 */
class WebSocketTest {

    private static final String TS_CALL = """
            {"type": "call.requested", "id": "", "payload": {"requestId": "%s", "operationId": "/head/jobs/list",
             "input": {}}}""";

    @TempDir
    Path dir;
    NetFixture fixture;
    WebSocketServer server;
    WebSocketCallClient plainClient;
    WebSocketCallClient tlsClient;
    Worker worker;
    final List<String> authLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new NetFixture(dir);
        server = WebSocketServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(NetFixture.rawTcp())
                .listener(NetFixture.rawTls())
                .identities(fixture.identities)
                .authLog(new AuthLog(RecordingLogger.of(authLines)))
                .start();
        plainClient = WebSocketCallClient.builder().token(NetFixture.signer(fixture.workerKey)::sign).build();
        worker = Worker.builder("w1", fixture.workerOps).connect(plainClient.open(ws()), Identity.of("head"));
        tlsClient = WebSocketCallClient.builder().tls(NetFixture.trustingTestCa())
                .token(NetFixture.signer(fixture.clientKey)::sign).build();
    }

    @AfterEach
    void stop() {
        worker.close();
        plainClient.close();
        tlsClient.close();
        server.close();
        fixture.head.close();
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + server.listenAddresses().get(0).getPort() + "/alknet");
    }

    URI wss() {
        return URI.create("wss://127.0.0.1:" + server.listenAddresses().get(1).getPort() + "/alknet");
    }

    @Test
    void clientOverWssCallsTheWorkerThroughTheHeadAsItsTokensIdentity() throws Exception {
        try (CallSession session = tlsClient.connect(wss())) {
            JsonNode answer = session.call("/w1/files/read", json("{\"name\": \"a\"}")).get(20, TimeUnit.SECONDS);
            assertThat(answer.get("text").stringValue()).isEqualTo("hello a");
            assertThat(answer.get("as").stringValue()).isEqualTo(fixture.clientKey.publicKey().fingerprint());
        }
        assertThat(worker.exposedAs()).contains("/w1/files/read");
        assertThat(authLines).anyMatch(line -> line.contains("result=accept")
                && line.contains(fixture.clientKey.publicKey().fingerprint()));
    }

    @Test
    void subscriptionItemsCrossBothWebSocketHopsInOrder() throws Exception {
        try (CallSession session = tlsClient.connect(wss())) {
            List<JsonNode> items = RawFramingTest.collect(session.subscribe("/w1/logs/tail", json("{\"n\": 500}")))
                    .get(20, TimeUnit.SECONDS);
            assertThat(items).hasSize(500);
            assertThat(items.get(499).get("line").intValue()).isEqualTo(499);
        }
    }

    @Test
    void cancellingACallAbortsTheWorkersHandler() throws Exception {
        try (CallSession session = tlsClient.connect(wss())) {
            CompletableFuture<JsonNode> slow = session.call("/w1/jobs/slow", json("{}"));
            fixture.slowStarted.get(20, TimeUnit.SECONDS);
            slow.cancel(true);
            fixture.slowCancelled.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void textAndBinaryMessagesInTheTypeScriptShapeAreServed() throws Exception {
        try (RawWebSocket peer = RawWebSocket.connect(ws(), null)) {
            peer.sendText(TS_CALL.formatted("r1"));
            assertResponded(peer.next(), "r1");
            peer.sendBinary(TS_CALL.formatted("r2").getBytes(StandardCharsets.UTF_8));
            assertResponded(peer.next(), "r2");
        }
    }

    @Test
    void aBadTokenIsAnswered401BeforeTheUpgradeAndLogged() throws Exception {
        int sessionsBefore = server.sessions().size();
        String token = NetFixture.signer(fixture.strangerKey).sign().encode();
        assertThatThrownBy(() -> RawWebSocket.connect(ws(), "Bearer " + token))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        try (WebSocketCallClient stranger = WebSocketCallClient.builder().tls(NetFixture.trustingTestCa())
                .token(NetFixture.signer(fixture.strangerKey)::sign).build()) {
            assertThatThrownBy(() -> stranger.open(wss()))
                    .isInstanceOfSatisfying(CallException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        }
        assertThat(server.sessions()).hasSize(sessionsBefore);
        assertThat(authLines).anyMatch(line -> line.contains("result=reject"));
        assertThat(authLines).noneMatch(line -> line.contains(token.substring(0, 40)));
        assertHeadStillServes();
    }

    @Test
    void aTokenInTheQueryAuthenticatesLikeTheHeader() throws Exception {
        String token = NetFixture.signer(fixture.clientKey).sign().encode();
        try (RawWebSocket peer = RawWebSocket.connect(URI.create(ws() + "?token=" + token), null)) {
            peer.sendText("""
                    {"type": "call.requested", "id": "", "payload": {"requestId": "r1", "operationId": "/w1/files/read",
                     "input": {"name": "q"}}}""");
            EventEnvelope answer = peer.next();
            assertThat(answer.type()).isEqualTo("call.responded");
            assertThat(answer.payload().get("output").get("as").stringValue())
                    .isEqualTo(fixture.clientKey.publicKey().fingerprint());
        }
    }

    @Test
    void withoutATokenTheSessionIsAnonymousUnlessTheServerRequiresOne() throws Exception {
        try (WebSocketCallClient anonymous = WebSocketCallClient.builder().build();
                CallSession session = anonymous.connect(ws())) {
            assertThat(session.call("/head/jobs/list", json("{}")).get(20, TimeUnit.SECONDS).get("jobs").size())
                    .isEqualTo(1);
            assertThatThrownBy(() -> session.call("/w1/files/read", json("{\"name\": \"a\"}")).join())
                    .hasCauseInstanceOf(CallException.class)
                    .satisfies(e -> assertThat(((CallException) e.getCause()).code())
                            .isEqualTo(ErrorCode.ACCESS_DENIED));
        }
        try (WebSocketServer strict = WebSocketServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(NetFixture.rawTcp()).requireToken(true).start();
                WebSocketCallClient anonymous = WebSocketCallClient.builder().build()) {
            URI uri = URI.create("ws://127.0.0.1:" + strict.listenAddresses().get(0).getPort() + "/alknet");
            assertThatThrownBy(() -> anonymous.open(uri)).isInstanceOfSatisfying(CallException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
            assertThat(strict.sessions()).isEmpty();
        }
    }

    @Test
    void anotherPathIsNotUpgraded() {
        URI elsewhere = URI.create(ws().toString().replace("/alknet", "/other"));
        assertThatThrownBy(() -> RawWebSocket.connect(elsewhere, null))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(404));
    }

    @Test
    void webPagesOpenSessionsOnlyFromAllowedOrigins() throws Exception {
        assertThatThrownBy(() -> RawWebSocket.fromPage(ws(), "https://evil.example"))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(403));
        ListenerConfig listener = NetFixture.rawTcp().toBuilder().interfaceKind(InterfaceKind.WEBSOCKET)
                .origins(OriginPolicy.of(List.of("https://app.example"))).build();
        try (WebSocketServer open = WebSocketServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(listener).start()) {
            URI uri = URI.create("ws://127.0.0.1:" + open.listenAddresses().get(0).getPort() + "/alknet");
            try (RawWebSocket page = RawWebSocket.fromPage(uri, "https://APP.example:443")) {
                page.sendText(TS_CALL.formatted("a"));
                assertThat(page.next().type()).isEqualTo("call.responded");
            }
            assertThatThrownBy(() -> RawWebSocket.fromPage(uri, "null"))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse()
                            .statusCode()).isEqualTo(403));
            try (RawWebSocket client = RawWebSocket.connect(uri, null)) {
                client.sendText(TS_CALL.formatted("b"));
                assertThat(client.next().type()).isEqualTo("call.responded");
            }
        }
        // The builder's policy replaces every listener's own.
        try (WebSocketServer any = WebSocketServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(NetFixture.rawTcp()).origins(OriginPolicy.of(List.of("*"))).start();
                RawWebSocket page = RawWebSocket.fromPage(URI.create("ws://127.0.0.1:"
                        + any.listenAddresses().get(0).getPort() + "/alknet"), "https://evil.example")) {
            page.sendText(TS_CALL.formatted("c"));
            assertThat(page.next().type()).isEqualTo("call.responded");
        }
        assertHeadStillServes();
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        try (WebSocketServer small = WebSocketServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(NetFixture.rawTcp()).codec(FrameCodec.withMaxFrameBytes(1024)).start();
                RawWebSocket peer = RawWebSocket.connect(URI.create("ws://127.0.0.1:"
                        + small.listenAddresses().get(0).getPort() + "/alknet"), null)) {
            peer.sendText(TS_CALL.formatted("x".repeat(2000)));
            assertThat(peer.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void malformedJsonGetsAProtocolErrorThenClose1007AndANeighbourGoesOn() throws Exception {
        try (CallSession neighbour = tlsClient.connect(wss());
                RawWebSocket peer = RawWebSocket.connect(ws(), null)) {
            peer.sendText("{\"type\": \"call.requested\", nope");
            EventEnvelope error = peer.next();
            assertThat(error.type()).isEqualTo("call.error");
            assertThat(error.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(peer.closeCode()).isEqualTo(1007);
            assertThat(neighbour.call("/w1/files/read", json("{\"name\": \"n\"}")).get(20, TimeUnit.SECONDS)
                    .get("text").stringValue()).isEqualTo("hello n");
        }
    }

    private void assertHeadStillServes() throws Exception {
        try (CallSession session = tlsClient.connect(wss())) {
            assertThat(session.call("/w1/files/read", json("{\"name\": \"b\"}")).get(20, TimeUnit.SECONDS)
                    .get("text").stringValue()).isEqualTo("hello b");
        }
    }

    private static void assertResponded(EventEnvelope answer, String requestId) {
        assertThat(answer.type()).isEqualTo("call.responded");
        assertThat(answer.payload().get("requestId").stringValue()).isEqualTo(requestId);
        assertThat(answer.payload().get("output").get("jobs").size()).isEqualTo(1);
    }
}
