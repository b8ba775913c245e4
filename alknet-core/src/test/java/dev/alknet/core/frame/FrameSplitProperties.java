package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.frame.DecoderHarness.Decoder;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any sequence of envelopes, encoded and cut at arbitrary byte boundaries, decodes to the same sequence. */
class FrameSplitProperties {

    private static final FrameCodec CODEC = FrameCodec.defaults();

    @Provide
    Arbitrary<List<EventEnvelope>> envelopes() {
        return EnvelopeArbitraries.envelopes().list().ofMaxSize(8);
    }

    /** Chunk sizes, used in turn (size 1 splits every header). */
    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 300).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property
    void pushDecoderReassemblesAnySplit(@ForAll("envelopes") List<EventEnvelope> envelopes,
            @ForAll("cuts") List<Integer> cuts) throws IOException {
        assertReassembled(Decoder.PUSH, envelopes, cuts);
    }

    @Property
    void nettyDecoderReassemblesAnySplit(@ForAll("envelopes") List<EventEnvelope> envelopes,
            @ForAll("cuts") List<Integer> cuts) throws IOException {
        assertReassembled(Decoder.NETTY, envelopes, cuts);
    }

    @Property
    void frameReaderReassemblesAnySplit(@ForAll("envelopes") List<EventEnvelope> envelopes,
            @ForAll("cuts") List<Integer> cuts) throws IOException {
        assertReassembled(Decoder.READER, envelopes, cuts);
    }

    private static void assertReassembled(Decoder decoder, List<EventEnvelope> envelopes, List<Integer> cuts)
            throws IOException {
        DecoderHarness.Outcome outcome = decoder.run(CODEC, Chunks.split(Chunks.frames(CODEC, envelopes), cuts));
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.envelopes()).isEqualTo(envelopes);
    }
}
