package dev.alknet.core.frame.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.frame.FrameException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The validator agrees with the JDK's strict UTF-8 decoder, which follows Unicode Table 3-7 exactly. */
class Utf8Properties {

    @Property
    void acceptsExactlyWhatTheJdkDecoderAccepts(@ForAll("mostlyUtf8") byte[] bytes) {
        boolean valid;
        try {
            Utf8.validate(bytes, 0, bytes.length);
            valid = true;
        } catch (FrameException e) {
            valid = false;
        }
        assertThat(valid).isEqualTo(jdkAccepts(bytes));
    }

    @Property
    void acceptsEveryEncodedString(@ForAll String text) {
        // Lone surrogates become '?' in getBytes, so the encoded form is always well-formed.
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> Utf8.validate(bytes, 0, bytes.length)).doesNotThrowAnyException();
    }

    /** Valid text with bytes spliced in: random bytes alone would almost never get past the first lead byte. */
    @Provide
    Arbitrary<byte[]> mostlyUtf8() {
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(4);
        Arbitrary<byte[]> piece = Arbitraries.oneOf(text, noise);
        return piece.list().ofMaxSize(6).map(pieces -> {
            ByteBuffer out = ByteBuffer.allocate(pieces.stream().mapToInt(p -> p.length).sum());
            pieces.forEach(out::put);
            return out.array();
        });
    }

    @Property
    void findsProblemsAtAnyAlignment(@ForAll @Size(max = 40) String ascii, @ForAll @Size(max = 40) String tail) {
        String prefix = ascii.chars().map(c -> c & 0x7F).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] rest = tail.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ByteBuffer.allocate(head.length + 2 + rest.length).put(head)
                .put((byte) 0xC0).put((byte) 0x80).put(rest).array();
        assertThat(jdkAccepts(bytes)).isFalse();
        assertThatThrownBy(() -> Utf8.validate(bytes, 0, bytes.length))
                .hasMessageEndingWith("at byte offset " + head.length);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
