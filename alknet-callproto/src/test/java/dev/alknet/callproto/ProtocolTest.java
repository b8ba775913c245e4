package dev.alknet.callproto;

import static dev.alknet.callproto.Nodes.await;
import static dev.alknet.callproto.Nodes.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.internal.Wire;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What a session answers to hand-written frames, well-formed or not. */
class ProtocolTest {

    private static RawPeer peer() {
        return new RawPeer(OperationRegistry.create(), Identity.anonymous());
    }

    private static EventEnvelope listCall(String requestId) {
        return Wire.requested(requestId, "/services/list", null, null, null);
    }

    @Test
    void aDeadlineThatAlreadyPassedIsATimeout() {
        try (RawPeer peer = peer()) {
            peer.send(Wire.requested("r1", "/services/list", null, null, System.currentTimeMillis() - 1));
            EventEnvelope reply = peer.readFor("r1");
            assertThat(reply.type()).isEqualTo("call.error");
            assertThat(reply.payload().get("code").stringValue()).isEqualTo("TIMEOUT");
        }
    }

    @Test
    void abortsOfUnknownCallsAreIgnoredSilently() {
        try (RawPeer peer = peer()) {
            peer.send(Wire.aborted("never-started"));
            peer.send(listCall("r2"));
            // The very next frame is the answer: the abort got no reply.
            EventEnvelope next = peer.read();
            assertThat(next.id()).isEqualTo("r2");
            assertThat(next.type()).isEqualTo("call.responded");
        }
    }

    @Test
    void aBadPayloadGetsAProtocolErrorAndTheSessionGoesOn() {
        try (RawPeer peer = peer()) {
            peer.send(new EventEnvelope("call.requested", "r3", json("{\"operationId\": 42}")));
            EventEnvelope reply = peer.readFor("r3");
            assertThat(reply.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(reply.payload().get("requestId").stringValue()).isEqualTo("r3");
            assertThat(reply.payload().get("retryable").booleanValue()).isFalse();

            peer.send(new EventEnvelope("call.requested", "", json("{\"operationId\": \"/services/list\"}")));
            EventEnvelope anonymous = peer.readFor("");
            assertThat(anonymous.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(anonymous.payload().get("message").stringValue()).contains("requestId");

            peer.send(listCall("r4"));
            assertThat(peer.readFor("r4").type()).isEqualTo("call.responded");
            assertThat(peer.session.isOpen()).isTrue();
        }
    }

    @Test
    void eventsOfOtherTypesAreIgnored() {
        try (RawPeer peer = peer()) {
            peer.send(new EventEnvelope("__subscribe", "topic", null));
            peer.send(listCall("r5"));
            assertThat(peer.read().id()).isEqualTo("r5");
        }
    }

    @Test
    void aMalformedFrameGetsAProtocolErrorAndClosesOnlyThatSession() {
        OperationRegistry ops = OperationRegistry.create();
        try (RawPeer peer = new RawPeer(ops, Identity.anonymous());
             Nodes healthy = Nodes.serving(ops, Identity.anonymous())) {
            byte[] body = "{not json".getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[4 + body.length];
            frame[3] = (byte) body.length;
            System.arraycopy(body, 0, frame, 4, body.length);
            peer.sendBytes(frame);

            EventEnvelope reply = peer.read();
            assertThat(reply.type()).isEqualTo("call.error");
            assertThat(reply.id()).isEmpty();
            assertThat(reply.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(reply.payload().get("message").stringValue()).startsWith("malformed frame");
            assertThat(peer.read()).isNull();
            await(peer.session.closeFuture());
            assertThat(peer.session.closeReason()).startsWith("malformed frame");

            assertThat(await(healthy.left.call("/services/list", null)).has("operations")).isTrue();
        }
    }

    @Test
    void anOversizeHeaderIsRefusedBeforeAnythingIsRead() {
        try (RawPeer peer = peer()) {
            peer.sendBytes(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            EventEnvelope reply = peer.read();
            assertThat(reply.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(peer.read()).isNull();
        }
    }

    @Test
    void aRequestIdStillRunningCannotBeReused() {
        OperationRegistry ops = OperationRegistry.create().query("/x/slow", (input, env) -> {
            new CountDownLatch(1).await();
            return null;
        });
        try (RawPeer peer = new RawPeer(ops, Identity.anonymous())) {
            peer.send(Wire.requested("dup", "/x/slow", null, null, null));
            peer.send(Wire.requested("dup", "/x/slow", null, null, null));
            EventEnvelope reply = peer.readFor("dup");
            assertThat(reply.payload().get("code").stringValue()).isEqualTo("PROTOCOL_ERROR");
            assertThat(reply.payload().get("message").stringValue()).contains("already in use");
        }
    }
}
