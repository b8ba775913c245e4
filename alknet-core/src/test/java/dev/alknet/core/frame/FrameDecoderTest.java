package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.alknet.core.frame.FrameException.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;

class FrameDecoderTest {

    private static final FrameCodec CODEC = FrameCodec.defaults();

    private final FrameDecoder decoder = new FrameDecoder();
    private final List<EventEnvelope> out = new ArrayList<>();

    @Test
    void severalFramesInOneChunkAndAFrameSpreadOverMany() throws FrameException {
        List<EventEnvelope> sent = List.of(envelope(1), envelope(2), envelope(3));
        byte[] stream = Chunks.frames(CODEC, sent);
        int second = CODEC.encode(envelope(1)).length;

        decoder.feed(stream, 0, second + 2, out::add);
        assertThat(out).containsExactly(envelope(1));
        assertThat(decoder.inFrame()).isTrue();
        for (int i = second + 2; i < stream.length; i++) {
            decoder.feed(stream, i, 1, out::add);
        }
        decoder.finish();
        assertThat(out).isEqualTo(sent);
        assertThat(decoder.inFrame()).isFalse();
    }

    @Test
    void endOfStreamInsideTheHeaderIsTruncated() throws FrameException {
        decoder.feed(new byte[] {0, 0}, out::add);
        assertThatThrownBy(decoder::finish).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(e).hasMessage("stream ended inside a frame, after 2 of 4 header bytes");
        });
    }

    @Test
    void endOfStreamInsideTheBodyIsTruncated() throws FrameException {
        decoder.feed(new byte[] {0, 0, 0, 10, '{', '"', 't'}, out::add);
        assertThatThrownBy(decoder::finish).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(e).hasMessage("stream ended inside a frame, after 3 of 10 body bytes");
        });
    }

    @Test
    void aFailureIsFinal() throws FrameException {
        byte[] bad = {0, 0, 0, 2, '[', ']'};
        FrameException first = catchThrowableOfType(FrameException.class, () -> decoder.feed(bad, out::add));
        FrameException later = catchThrowableOfType(FrameException.class,
                () -> decoder.feed(CODEC.encode(envelope(1)), out::add));
        assertThat(later).isSameAs(first);
        assertThat(catchThrowableOfType(FrameException.class, decoder::finish)).isSameAs(first);
        assertThat(first.kind()).isEqualTo(Kind.NOT_AN_ENVELOPE);
        assertThat(out).isEmpty();
    }

    @Test
    void envelopesBeforeABadFrameInTheSameChunkAreDelivered() throws FrameException {
        byte[] good = CODEC.encode(envelope(1));
        byte[] chunk = new byte[good.length + 5];
        System.arraycopy(good, 0, chunk, 0, good.length);
        System.arraycopy(new byte[] {0, 0, 0, 1, '{'}, 0, chunk, good.length, 5);
        assertThatThrownBy(() -> decoder.feed(chunk, out::add)).isInstanceOf(FrameException.class);
        assertThat(out).containsExactly(envelope(1));
    }

    @Test
    void aLargeAnnouncedFrameCostsOnlyWhatArrives() throws FrameException {
        byte[] start = {0x01, 0x00, 0x00, 0x00, '{', '"'};
        new FrameDecoder().feed(start, out::add); // one-time class loading and linking are not the decoder's cost
        long before = Allocation.currentThreadBytes();
        decoder.feed(start, out::add);
        long allocated = Allocation.currentThreadBytes() - before;
        assertThat(decoder.inFrame()).isTrue();
        assertThat(allocated).as("bytes allocated for a 16 MiB frame of which 2 bytes arrived")
                .isLessThan(256 * 1024);
    }

    @Test
    void feedsASliceOfTheChunk() throws FrameException {
        byte[] frame = CODEC.encode(envelope(5));
        byte[] padded = new byte[frame.length + 6];
        System.arraycopy(frame, 0, padded, 3, frame.length);
        decoder.feed(padded, 3, frame.length, out::add);
        assertThat(out).containsExactly(envelope(5));
        assertThatThrownBy(() -> decoder.feed(padded, 3, padded.length, out::add))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static EventEnvelope envelope(int n) {
        return new EventEnvelope("call.responded", "r" + n, IntNode.valueOf(n));
    }

}
