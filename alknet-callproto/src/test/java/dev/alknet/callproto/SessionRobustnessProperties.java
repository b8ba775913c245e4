package dev.alknet.callproto;

import static dev.alknet.callproto.Nodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.internal.Wire;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Arbitrary envelopes and arbitrary bytes sent to a session: it answers with call events only, closes at most
 * itself, never lets an exception out of its read loop, and a healthy session beside it keeps working.
 */
class SessionRobustnessProperties {

    private static final OperationRegistry OPS = OperationRegistry.create()
            .query("/n/echo/back", (input, env) -> input)
            .query("/n/users/create", spec -> spec.inputSchema(Nodes.json(
                    "{\"type\": \"object\", \"required\": [\"name\"], \"properties\": {\"name\": {\"type\": \"string\"}}}")),
                    (input, env) -> input);
    private static final List<String> CODES = EnumSet.allOf(ErrorCode.class).stream().map(Enum::name).toList();
    private static Nodes healthy;

    @BeforeContainer
    static void startHealthyNeighbour() {
        healthy = Nodes.serving(OPS, Identity.anonymous());
    }

    @AfterContainer
    static void stopHealthyNeighbour() {
        healthy.close();
    }

    @Property(tries = 150)
    void wellFramedNonsenseGetsCallEventsAndTheSessionStaysOpen(@ForAll("envelopes") EventEnvelope envelope) {
        try (RawPeer peer = new RawPeer(OPS, Identity.anonymous())) {
            peer.send(envelope);
            String probe = "probe-" + UUID.randomUUID();
            peer.send(Wire.requested(probe, "/n/echo/back", Nodes.number(7), null, null));
            EventEnvelope reply;
            do {
                reply = peer.read();
                assertThat(reply).as("session ended").isNotNull();
                assertWellFormedReply(reply);
            } while (!reply.id().equals(probe));
            assertThat(reply.type()).isEqualTo("call.responded");
            assertThat(reply.payload().get("output").intValue()).isEqualTo(7);
            assertThat(peer.session.isOpen()).isTrue();
        }
        assertThat(await(healthy.left.call("/n/echo/back", Nodes.number(1))).intValue()).isEqualTo(1);
    }

    @Property(tries = 100)
    void arbitraryBytesCloseAtMostThatSession(@ForAll("garbage") byte[] bytes) {
        try (RawPeer peer = new RawPeer(OPS, Identity.anonymous())) {
            if (peer.sendBytes(bytes)) {
                peer.sendBytes(FrameCodec.defaults().encode(Wire.requested("probe", "/n/echo/back", null, null,
                        null)));
            }
            peer.session.close();
            for (EventEnvelope reply = peer.read(); reply != null; reply = peer.read()) {
                assertWellFormedReply(reply);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(await(healthy.left.call("/n/echo/back", Nodes.number(2))).intValue()).isEqualTo(2);
    }

    private static void assertWellFormedReply(EventEnvelope reply) {
        assertThat(reply.type()).isIn("call.responded", "call.error", "call.completed");
        assertThat(reply.payload().get("requestId").stringValue()).isEqualTo(reply.id());
        if (reply.type().equals("call.error")) {
            assertThat(reply.payload().get("code").stringValue()).isIn(CODES);
            assertThat(reply.payload().get("retryable").isBoolean()).isTrue();
        }
    }

    @Provide
    Arbitrary<EventEnvelope> envelopes() {
        Arbitrary<String> types = Arbitraries.oneOf(
                Arbitraries.of(Wire.REQUESTED, Wire.RESPONDED, Wire.COMPLETED, Wire.ABORTED, Wire.ERROR),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(16));
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().ofMaxLength(12));
        return Combinators.combine(types, ids, payloads()).as(EventEnvelope::new);
    }

    /** Payloads that look like call payloads with fields of every type, plus plain JSON. */
    private static Arbitrary<JsonNode> payloads() {
        Arbitrary<JsonNode> anyValue = json(2);
        Arbitrary<JsonNode> operationIds = Arbitraries.oneOf(
                Arbitraries.of("/n/echo/back", "/n/users/create", "/services/list", "/services/schema", "/nope/x")
                        .map(JsonNodeFactory.instance::stringNode),
                anyValue);
        Arbitrary<JsonNode> deadlines = Arbitraries.oneOf(
                Arbitraries.longs().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.just(JsonNodeFactory.instance.numberNode(System.currentTimeMillis() + 60_000)),
                anyValue);
        Arbitrary<JsonNode> callShaped = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8).map(JsonNodeFactory.instance::stringNode),
                        anyValue).injectNull(0.2),
                operationIds.injectNull(0.1), anyValue.injectNull(0.2), deadlines.injectNull(0.5),
                anyValue.injectNull(0.7)).as((requestId, operationId, input, deadline, extra) -> {
                    ObjectNode payload = JsonNodeFactory.instance.objectNode();
                    putIf(payload, "requestId", requestId);
                    putIf(payload, "operationId", operationId);
                    putIf(payload, "input", input);
                    putIf(payload, "deadline", deadline);
                    putIf(payload, "code", extra);
                    putIf(payload, "parentRequestId", extra);
                    return payload;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, callShaped), Tuple.of(1, anyValue));
    }

    private static void putIf(ObjectNode payload, String field, JsonNode value) {
        if (value != null) {
            payload.set(field, value);
        }
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(JsonNodeFactory.instance.nullNode()),
                Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
                Arbitraries.integers().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.doubles().filter(Double::isFinite).map(JsonNodeFactory.instance::numberNode),
                Arbitraries.strings().ofMaxLength(12).map(JsonNodeFactory.instance::stringNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> smaller = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<JsonNode> arrays = smaller.list().ofMaxSize(3).map(items -> {
            var array = JsonNodeFactory.instance.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), smaller).ofMaxSize(3)
                .map(fields -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    object.setAll(fields);
                    return object;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        Arbitrary<byte[]> badBodies = Arbitraries.strings().ofMaxLength(40).map(text -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            byte[] frame = Arrays.copyOf(new byte[] {0, 0, 0, (byte) body.length}, 4 + body.length);
            System.arraycopy(body, 0, frame, 4, body.length);
            return frame;
        });
        return Arbitraries.oneOf(random, badBodies);
    }
}
