package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.frame.FrameException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frame bodies must be well-formed UTF-8. The bytes under test sit inside the payload string of
 * {@code {"type":"t","payload":"<bytes>"}}, the place where Jackson alone is lenient.
 */
class Utf8StrictnessTest {

    private static final String PREFIX = "{\"type\":\"t\",\"payload\":\"";
    private static final int STRING_START = PREFIX.length();

    @ParameterizedTest
    @CsvSource({
        "C080,     0, overlong 2-byte",
        "C1BF,     0, overlong 2-byte",
        "E08080,   0, overlong 3-byte",
        "E09FBF,   0, overlong 3-byte",
        "F0808080, 0, overlong 4-byte",
        "F08FBFBF, 0, overlong 4-byte",
        "EDA080,   0, surrogate",
        "EDBFBF,   0, surrogate",
        "F4908080, 0, above U+10FFFF",
        "F5808080, 0, never occurs",
        "FF,       0, never occurs",
        "80,       0, continuation byte 0x80 without a lead byte",
        "41C328,   2, byte 0x28 is not a continuation byte",
        "E282,     2, byte 0x22 is not a continuation byte",
        "F09F9822, 3, byte 0x22 is not a continuation byte",
    })
    void malformedSequencesAreRejectedWithTheirOffset(String hex, int relativeOffset, String problem) {
        byte[] body = body(HexFormat.of().parseHex(hex));
        assertThatThrownBy(() -> FrameCodec.defaults().decodeBody(body, 0, body.length))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_UTF8);
                    assertThat(e).hasMessageContaining(problem)
                            .hasMessageEndingWith("at byte offset " + (STRING_START + relativeOffset));
                });
    }

    @Test
    void aSequenceCutByTheEndOfTheBodyIsRejected() {
        byte[] body = {'"', (byte) 0xE2, (byte) 0x82};
        assertThatThrownBy(() -> FrameCodec.defaults().decodeBody(body, 0, body.length))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_UTF8);
                    assertThat(e).hasMessageContaining("truncated").hasMessageEndingWith("offset 1");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF})
    void boundaryCodePointsAreAccepted(int codePoint) throws FrameException {
        String text = "a" + Character.toString(codePoint) + "b";
        byte[] body = body(text.getBytes(StandardCharsets.UTF_8));
        assertThat(FrameCodec.defaults().decodeBody(body, 0, body.length).payload().stringValue()).isEqualTo(text);
    }

    @Test
    void aLeadingByteOrderMarkIsTolerated() throws FrameException {
        byte[] json = "{\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);
        assertThat(FrameCodec.defaults().decodeBody(body, 0, body.length).type()).isEqualTo("t");
    }

    /**
     * Pins the gap the frame layer closes: Jackson 3 decodes these forms inside string values without an error.
     * Should an upgrade make Jackson reject them, this fails, and the own check in {@code Utf8} could be reduced.
     */
    @ParameterizedTest
    @ValueSource(strings = {"C080", "E08080", "F0808080", "F4908080", "F5808080"})
    void jacksonAloneAcceptsTheseMalformedForms(String hex) {
        byte[] body = body(HexFormat.of().parseHex(hex));
        assertThat(FrameCodec.jsonMapper().readTree(body).get("payload").isString()).isTrue();
    }

    private static byte[] body(byte[] inside) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PREFIX.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(inside);
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
