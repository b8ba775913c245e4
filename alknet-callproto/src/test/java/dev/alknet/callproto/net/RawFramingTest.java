package dev.alknet.callproto.net;

import static dev.alknet.callproto.net.NetFixture.GUARD;
import static dev.alknet.callproto.net.NetFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.AuthLog;
import dev.alknet.auth.TokenSigner;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.callproto.Worker;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameReader;
import dev.alknet.core.frame.FrameWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A head on raw framing listeners (TCP and TLS), a worker connected over raw TCP with a token, and clients over
 * TLS: with a token, with a bad one, and without.
 */
class RawFramingTest {

    @TempDir
    Path dir;
    NetFixture fixture;
    CallServer server;
    CallClient plainClient;
    CallClient tlsClient;
    Worker worker;
    final List<String> authLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new NetFixture(dir);
        server = CallServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(NetFixture.rawTcp())
                .listener(NetFixture.rawTls())
                .identities(fixture.identities)
                .authLog(new AuthLog(RecordingLogger.of(authLines)))
                .start();
        TokenSigner workerSigner = NetFixture.signer(fixture.workerKey);
        plainClient = CallClient.builder().token(workerSigner::sign).build();
        worker = Worker.builder("w1", fixture.workerOps).connect(plainClient.open("127.0.0.1", tcpPort()),
                Identity.of("head"));
        tlsClient = CallClient.builder().tls(NetFixture.trustingTestCa())
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

    int tcpPort() {
        return server.listenAddresses().get(0).getPort();
    }

    int tlsPort() {
        return server.listenAddresses().get(1).getPort();
    }

    @Test
    void clientOverTlsCallsTheWorkerThroughTheHeadAsItsTokensIdentity() throws Exception {
        try (CallSession session = tlsClient.connect("127.0.0.1", tlsPort())) {
            JsonNode answer = session.call("/w1/files/read", json("{\"name\": \"a\"}")).get(20, TimeUnit.SECONDS);
            assertThat(answer.get("text").stringValue()).isEqualTo("hello a");
            assertThat(answer.get("as").stringValue()).isEqualTo(fixture.clientKey.publicKey().fingerprint());
        }
        assertThat(worker.exposedAs()).contains("/w1/files/read");
        assertThat(authLines).anyMatch(line -> line.contains("result=accept")
                && line.contains(fixture.clientKey.publicKey().fingerprint()));
    }

    @Test
    void aGracefulCloseStopsAcceptingButLetsTheRunningCallAnswer() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().query("/n/x/slow", (input, env) -> {
            started.countDown();
            release.await();
            return json("{\"done\": true}");
        });
        CallServer draining = CallServer.builder(SessionAcceptor.serving(ops)).listener(NetFixture.rawTcp()).start();
        int port = draining.listenAddresses().get(0).getPort();
        try (CallClient anonymous = CallClient.builder().build()) {
            CallSession session = anonymous.connect("127.0.0.1", port);
            CompletableFuture<JsonNode> running = session.call("/n/x/slow", json("{}"));
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(
                    () -> draining.closeGracefully(Duration.ofSeconds(30)));
            long until = System.nanoTime() + GUARD.toNanos();
            while (canConnect(port) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(canConnect(port)).as("the listener is closed first").isFalse();
            assertThat(closing).isNotDone();
            release.countDown();

            assertThat(running.get(20, TimeUnit.SECONDS).get("done").booleanValue()).isTrue();
            closing.get(20, TimeUnit.SECONDS);
            assertThat(draining.sessions()).isEmpty();
        } finally {
            draining.close();
        }
    }

    private static boolean canConnect(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void subscriptionItemsCrossBothHopsInOrder() throws Exception {
        try (CallSession session = tlsClient.connect("127.0.0.1", tlsPort())) {
            List<JsonNode> items = collect(session.subscribe("/w1/logs/tail", json("{\"n\": 500}")))
                    .get(20, TimeUnit.SECONDS);
            assertThat(items).hasSize(500);
            assertThat(items.get(499).get("line").intValue()).isEqualTo(499);
        }
    }

    @Test
    void cancellingACallAbortsTheWorkersHandler() throws Exception {
        try (CallSession session = tlsClient.connect("127.0.0.1", tlsPort())) {
            CompletableFuture<JsonNode> slow = session.call("/w1/jobs/slow", json("{}"));
            // Cancel only once the handler runs: nothing else says the request reached the worker.
            fixture.slowStarted.get(20, TimeUnit.SECONDS);
            slow.cancel(true);
            fixture.slowCancelled.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadTokenIsRefusedWithAccessDeniedAndLogged() throws Exception {
        try (CallClient stranger = CallClient.builder().tls(NetFixture.trustingTestCa())
                .token(NetFixture.signer(fixture.strangerKey)::sign).build()) {
            assertThatThrownBy(() -> stranger.open("127.0.0.1", tlsPort()))
                    .isInstanceOfSatisfying(CallException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        }
        assertThat(authLines).anyMatch(line -> line.contains("result=reject"));
        String token = NetFixture.signer(fixture.strangerKey).sign().encode();
        assertThat(authLines).noneMatch(line -> line.contains(token.substring(0, 40)));
        assertHeadStillServes();
    }

    @Test
    void withoutATokenOnlyUnrestrictedOperationsWork() throws Exception {
        try (CallClient anonymous = CallClient.builder().tls(NetFixture.trustingTestCa()).build();
                CallSession session = anonymous.connect("127.0.0.1", tlsPort())) {
            assertThat(session.call("/head/jobs/list", json("{}")).get(20, TimeUnit.SECONDS).get("jobs").size())
                    .isEqualTo(1);
            assertThatThrownBy(() -> session.call("/w1/files/read", json("{\"name\": \"a\"}")).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(CallException.class)
                    .satisfies(e -> assertThat(((CallException) e.getCause()).code())
                            .isEqualTo(ErrorCode.ACCESS_DENIED));
        }
    }

    @Test
    void aClientThatStartsWithACallIsServedAnonymously() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort())) {
            socket.setSoTimeout((int) GUARD.toMillis());
            FrameWriter out = new FrameWriter(socket.getOutputStream());
            out.write(new EventEnvelope("call.requested", "", json("""
                    {"requestId": "r1", "operationId": "/head/jobs/list", "input": {}}""")));
            out.write(new EventEnvelope("call.requested", "", json("""
                    {"requestId": "r2", "operationId": "/w1/files/read", "input": {"name": "a"}}""")));
            FrameReader in = new FrameReader(socket.getInputStream());
            List<EventEnvelope> answers = List.of(in.read(), in.read());
            assertThat(answers).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("call.responded");
                assertThat(e.payload().get("requestId").stringValue()).isEqualTo("r1");
            });
            assertThat(answers).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("call.error");
                assertThat(e.payload().get("code").stringValue()).isEqualTo("ACCESS_DENIED");
            });
        }
    }

    @Test
    void anUndecodableFirstFrameGetsAProtocolErrorAndClosesThatConnectionOnly() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort())) {
            socket.setSoTimeout((int) GUARD.toMillis());
            socket.getOutputStream().write(new byte[] {0, 0, 0, 3, 'n', 'o', '!'});
            EventEnvelope error = new FrameReader(socket.getInputStream()).read();
            assertThat(error.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(drainsToEnd(socket.getInputStream())).isTrue();
        }
        assertHeadStillServes();
    }

    @Test
    void anOversizeFirstFrameIsRefusedBeforeItsBodyArrives() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort())) {
            socket.setSoTimeout((int) GUARD.toMillis());
            int tooBig = FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1;
            socket.getOutputStream().write(new byte[] {(byte) (tooBig >>> 24), (byte) (tooBig >>> 16),
                (byte) (tooBig >>> 8), (byte) tooBig});
            EventEnvelope error = new FrameReader(socket.getInputStream()).read();
            assertThat(error.payload().get("message").stringValue()).contains("exceeds the limit");
            assertThat(drainsToEnd(socket.getInputStream())).isTrue();
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheFirstFrameTimeout() throws Exception {
        try (CallServer impatient = CallServer.builder(SessionAcceptor.serving(fixture.headOps))
                .listener(NetFixture.rawTcp()).firstFrameTimeout(java.time.Duration.ofMillis(200)).start();
                Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                        impatient.listenAddresses().get(0).getPort())) {
            socket.setSoTimeout((int) GUARD.toMillis());
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private void assertHeadStillServes() throws Exception {
        try (CallSession session = tlsClient.connect("127.0.0.1", tlsPort())) {
            assertThat(session.call("/w1/files/read", json("{\"name\": \"b\"}")).get(20, TimeUnit.SECONDS)
                    .get("text").stringValue()).isEqualTo("hello b");
        }
    }

    static boolean drainsToEnd(InputStream in) throws java.io.IOException {
        byte[] sink = new byte[4096];
        while (true) {
            if (in.read(sink) < 0) {
                return true;
            }
        }
    }

    static CompletableFuture<List<JsonNode>> collect(Flow.Publisher<JsonNode> publisher) {
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final List<JsonNode> items = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(items);
            }
        });
        return result;
    }
}
