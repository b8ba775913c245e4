package dev.alknet.core.frame;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.frame.FrameException.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

class FrameCodecTest {

    private static final FrameCodec CODEC = FrameCodec.defaults();

    @Test
    void frameIsBigEndianBodyLengthThenGoldenJson() throws FrameException {
        byte[] frame = CODEC.encode(new EventEnvelope("call.completed", "r1", null));
        String golden = "{\"type\":\"call.completed\",\"id\":\"r1\",\"payload\":null}";
        assertThat(Arrays.copyOf(frame, 4)).containsExactly(0, 0, 0, golden.length());
        assertThat(new String(frame, 4, frame.length - 4, UTF_8)).isEqualTo(golden);
    }

    @Test
    void lengthPrefixUsesAllFourBytes() throws FrameException {
        String text = "x".repeat(0x01_02_03);
        byte[] frame = CODEC.encode(new EventEnvelope("t", "", StringNode.valueOf(text)));
        int body = frame.length - 4;
        assertThat(Arrays.copyOf(frame, 4))
                .containsExactly((byte) (body >>> 24), (byte) (body >>> 16), (byte) (body >>> 8), (byte) body);
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(body).isGreaterThan(0xFFFF);
    }

    @Test
    void typeScriptStyleEnvelopeWithEmptyIdDecodes() throws FrameException {
        EventEnvelope envelope = decode("{\"type\":\"call.requested\",\"id\":\"\",\"payload\":"
                + "{\"requestId\":\"r-7\",\"operationId\":\"/head/echo\",\"input\":[1,2]}}");
        assertThat(envelope.type()).isEqualTo("call.requested");
        assertThat(envelope.id()).isEmpty();
        assertThat(envelope.payload().get("requestId").stringValue()).isEqualTo("r-7");
    }

    @Test
    void emptyAndNullPayloadsRoundTrip() throws FrameException {
        ObjectNode empty = FrameCodec.jsonMapper().createObjectNode();
        for (JsonNode payload : new JsonNode[] {empty, StringNode.valueOf(""), NullNode.getInstance()}) {
            EventEnvelope envelope = new EventEnvelope("t", "id", payload);
            assertThat(CODEC.decodeFrame(CODEC.encode(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void missingPayloadIdOrNullIdAreAccepted() throws FrameException {
        assertThat(decode("{\"type\":\"t\",\"id\":\"a\"}")).isEqualTo(new EventEnvelope("t", "a", null));
        assertThat(decode("{\"type\":\"t\",\"payload\":1}").id()).isEmpty();
        assertThat(decode("{\"type\":\"t\",\"id\":null}").id()).isEmpty();
    }

    @Test
    void unknownTopLevelKeysAreIgnored() throws FrameException {
        assertThat(decode("{\"v\":2,\"type\":\"t\",\"id\":\"a\",\"payload\":true,\"meta\":{\"x\":1}}"))
                .isEqualTo(new EventEnvelope("t", "a", BooleanNode.TRUE));
    }

    @Test
    void largePayloadRoundTrips() throws FrameException {
        String text = "é-".repeat(3 * 1024 * 1024);
        EventEnvelope envelope = new EventEnvelope("blob", "b", StringNode.valueOf(text));
        byte[] frame = CODEC.encode(envelope);
        assertThat(frame.length).isGreaterThan(9 * 1024 * 1024);
        assertThat(CODEC.decodeFrame(frame)).isEqualTo(envelope);
    }

    @Test
    void bodyExactlyAtTheLimitPassesAndOneByteLessFails() throws FrameException {
        EventEnvelope envelope = new EventEnvelope("t", "", StringNode.valueOf("x".repeat(100)));
        byte[] frame = CODEC.encode(envelope);
        int body = frame.length - 4;

        FrameCodec exact = FrameCodec.withMaxFrameBytes(body);
        assertThat(exact.decodeFrame(exact.encode(envelope))).isEqualTo(envelope);

        FrameCodec tight = FrameCodec.withMaxFrameBytes(body - 1);
        assertThatThrownBy(() -> tight.encode(envelope)).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.OVERSIZE));
        assertThatThrownBy(() -> tight.decodeFrame(frame)).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.OVERSIZE);
            assertThat(e).hasMessage("frame header announces " + body + " bytes, limit is " + (body - 1) + " bytes");
        });
    }

    @Test
    void limitMustBeSane() {
        assertThatThrownBy(() -> FrameCodec.withMaxFrameBytes(0)).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> FrameCodec.withMaxFrameBytes(FrameCodec.MAX_FRAME_BYTES_CEILING + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FrameCodec.defaults().maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":                                | BAD_JSON        | Unexpected end-of-input",
        "{\"type\":\"t\"} {}                       | BAD_JSON        | Trailing token",
        "'   '                                     | BAD_JSON        | no JSON value",
        "{\"type\":tru}                            | BAD_JSON        | at byte offset 8",
        "[1,2]                                     | NOT_AN_ENVELOPE | top-level value is an array",
        "\"call\"                                  | NOT_AN_ENVELOPE | top-level value is a string",
        "{\"id\":\"a\"}                            | NOT_AN_ENVELOPE | field 'type' is missing",
        "{\"type\":7}                              | NOT_AN_ENVELOPE | field 'type' is a number",
        "{\"type\":\"\"}                           | NOT_AN_ENVELOPE | field 'type' is empty",
        "{\"type\":\"t\",\"id\":42}                | NOT_AN_ENVELOPE | field 'id' is a number",
        "{\"type\":\"t\",\"id\":[\"a\"]}           | NOT_AN_ENVELOPE | field 'id' is an array",
    })
    void malformedBodiesNameTheProblem(String body, Kind kind, String detail) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e).hasMessageContaining(detail);
        });
    }

    @Test
    void emptyBodyIsBadJson() {
        assertThatThrownBy(() -> CODEC.decodeFrame(new byte[4])).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_JSON));
    }

    @Test
    void utf16BodiesAreRejectedThoughJacksonWouldGuessTheirEncoding() {
        byte[] body = "{\"type\":\"t\"}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(FrameCodec.jsonMapper().readTree(body).get("type").stringValue()).isEqualTo("t");
        assertThatThrownBy(() -> CODEC.decodeBody(body, 0, body.length))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_JSON);
                    assertThat(e).hasMessageContaining("NUL byte");
                });
    }

    @Test
    void shortFramesAreTruncatedAndTrailingBytesAreAMisuse() throws FrameException {
        byte[] frame = CODEC.encode(new EventEnvelope("t", "", null));
        assertThatThrownBy(() -> CODEC.decodeFrame(Arrays.copyOf(frame, 3)))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
                    assertThat(e).hasMessageContaining("after 3 of 4 header bytes");
                });
        assertThatThrownBy(() -> CODEC.decodeFrame(Arrays.copyOf(frame, frame.length - 1)))
                .isInstanceOfSatisfying(FrameException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED));
        assertThatThrownBy(() -> CODEC.decodeFrame(Arrays.copyOf(frame, frame.length + 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 bytes follow the frame");
    }

    @Test
    void decodeBodyReadsASliceOfALargerArray() throws FrameException {
        byte[] body = "xx{\"type\":\"t\",\"id\":\"i\",\"payload\":[]}yy".getBytes(UTF_8);
        EventEnvelope envelope = CODEC.decodeBody(body, 2, body.length - 4);
        assertThat(envelope.id()).isEqualTo("i");
        assertThat(envelope.payload().isArray()).isTrue();
    }

    @Test
    void theMapperIsShared() {
        assertThat(FrameCodec.jsonMapper()).isSameAs(FrameCodec.jsonMapper());
    }

    private static EventEnvelope decode(String body) throws FrameException {
        byte[] bytes = body.getBytes(UTF_8);
        return CODEC.decodeBody(bytes, 0, bytes.length);
    }
}
