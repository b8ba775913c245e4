package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.alknet.core.frame.DecoderHarness.Decoder;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Bad input of any shape yields envelopes and at most one {@link FrameException}: no other exception, no hang, no
 * allocation driven by what the peer announces. The three decoders must agree on every input, down to the message.
 */
class MalformedFrameProperties {

    /** Generous: a try takes milliseconds; the bound only turns a decoder stuck in a loop into a failure. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Provide
    Arbitrary<List<EventEnvelope>> envelopes() {
        return EnvelopeArbitraries.envelopes().list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void arbitraryBytesGiveEnvelopesOrOneFrameException(@ForAll @Size(max = 300) byte[] bytes,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 64) Integer> cuts,
            @ForAll boolean smallLimit) {
        FrameCodec codec = smallLimit ? FrameCodec.withMaxFrameBytes(64) : FrameCodec.defaults();
        assertAllDecodersAgree(codec, Chunks.split(bytes, cuts));
    }

    @Property
    void corruptedFramesGiveEnvelopesOrOneFrameException(@ForAll("envelopes") List<EventEnvelope> envelopes,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0) Integer> positions,
            @ForAll @Size(min = 1, max = 4) List<Byte> replacements,
            @ForAll @IntRange(min = 0, max = 16) int cutTail,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 64) Integer> cuts) throws FrameException {
        byte[] stream = Chunks.frames(FrameCodec.defaults(), envelopes);
        for (int i = 0; i < positions.size(); i++) {
            stream[positions.get(i) % stream.length] = replacements.get(i % replacements.size());
        }
        byte[] cut = Arrays.copyOf(stream, Math.max(0, stream.length - cutTail));
        assertAllDecodersAgree(FrameCodec.defaults(), Chunks.split(cut, cuts));
    }

    @Property
    void hugeAnnouncedLengthsFailWithoutAllocating(
            @ForAll @LongRange(min = FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1L, max = 0xFFFF_FFFFL) long announced)
            throws IOException {
        byte[] header = {(byte) (announced >>> 24), (byte) (announced >>> 16), (byte) (announced >>> 8),
            (byte) announced, '{', '}'};
        List<byte[]> chunks = List.of(header);
        // A first run pays for one-time class loading and call-site linking; the second shows the decoders' cost.
        DecoderHarness.push(FrameCodec.defaults(), chunks);
        DecoderHarness.reader(FrameCodec.defaults(), chunks);
        long before = Allocation.currentThreadBytes();
        DecoderHarness.Outcome push = DecoderHarness.push(FrameCodec.defaults(), chunks);
        long pushAllocated = Allocation.currentThreadBytes() - before;
        before = Allocation.currentThreadBytes();
        DecoderHarness.Outcome reader = DecoderHarness.reader(FrameCodec.defaults(), chunks);
        long readerAllocated = Allocation.currentThreadBytes() - before;
        DecoderHarness.Outcome netty = DecoderHarness.netty(FrameCodec.defaults(), chunks);

        for (DecoderHarness.Outcome outcome : List.of(push, reader, netty)) {
            assertThat(outcome.failure().kind()).isEqualTo(FrameException.Kind.OVERSIZE);
            assertThat(outcome.failure()).hasMessageContaining(Long.toString(announced))
                    .hasMessageContaining(Integer.toString(FrameCodec.DEFAULT_MAX_FRAME_BYTES));
        }
        assertThat(pushAllocated).as("bytes allocated by the push decoder").isLessThan(64 * 1024);
        assertThat(readerAllocated).as("bytes allocated by the reader").isLessThan(64 * 1024);
    }

    private static void assertAllDecodersAgree(FrameCodec codec, List<byte[]> chunks) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            DecoderHarness.Outcome push = Decoder.PUSH.run(codec, chunks);
            for (Decoder other : List.of(Decoder.NETTY, Decoder.READER)) {
                DecoderHarness.Outcome outcome = other.run(codec, chunks);
                assertThat(outcome.envelopes()).as(other + " envelopes").isEqualTo(push.envelopes());
                assertThat(outcome.failureSummary()).as(other + " failure").isEqualTo(push.failureSummary());
            }
        });
    }
}
