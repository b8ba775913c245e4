package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.frame.FrameException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

class FrameStreamTest {

    private static final EventEnvelope HELLO = new EventEnvelope("hello", "", StringNode.valueOf("héllo"));
    private static final EventEnvelope BYE = new EventEnvelope("bye", "r1", null);

    @Test
    void writtenFramesReadBackThenCleanEndOfStream() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FrameWriter writer = new FrameWriter(bytes)) {
            writer.write(HELLO);
            writer.write(BYE);
        }
        try (FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(reader.read()).isEqualTo(HELLO);
            assertThat(reader.read()).isEqualTo(BYE);
            assertThat(reader.read()).isNull();
            assertThat(reader.read()).isNull();
        }
    }

    @Test
    void endOfStreamInsideAFrameIsTruncated() throws IOException {
        byte[] frames = Chunks.frames(FrameCodec.defaults(), List.of(HELLO, BYE));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(frames, frames.length - 1)));
        assertThat(reader.read()).isEqualTo(HELLO);
        assertThatThrownBy(reader::read).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED));
        assertThatThrownBy(reader::read).isInstanceOf(FrameException.class);
    }

    @Test
    void envelopesBeforeABadFrameAreReadThenTheFailure() throws IOException {
        byte[] good = FrameCodec.defaults().encode(HELLO);
        byte[] stream = Arrays.copyOf(good, good.length + 6);
        System.arraycopy(new byte[] {0, 0, 0, 2, '{', '}'}, 0, stream, good.length, 6);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream));
        assertThat(reader.read()).isEqualTo(HELLO);
        assertThatThrownBy(reader::read).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.NOT_AN_ENVELOPE);
            assertThat(e).hasMessageContaining("'type' is missing");
        });
    }

    @Test
    void everyFrameIsWrittenWholeAndFlushed() throws IOException {
        CountingStream out = new CountingStream();
        FrameWriter writer = new FrameWriter(out);
        writer.write(HELLO);
        writer.write(BYE);
        assertThat(out.writes).isEqualTo(2);
        assertThat(out.flushes).isEqualTo(2);
        assertThat(out.toByteArray()).isEqualTo(Chunks.frames(FrameCodec.defaults(), List.of(HELLO, BYE)));
    }

    @Test
    void appendedFramesAreWrittenWholeAndFlushedOnlyWhenAsked() throws IOException {
        CountingStream out = new CountingStream();
        FrameWriter writer = new FrameWriter(out);
        writer.append(HELLO);
        writer.append(BYE);
        assertThat(out.writes).isEqualTo(2);
        assertThat(out.flushes).isZero();
        writer.flush();
        assertThat(out.flushes).isEqualTo(1);
        assertThat(out.toByteArray()).isEqualTo(Chunks.frames(FrameCodec.defaults(), List.of(HELLO, BYE)));
    }

    @Test
    void anOversizeEnvelopeIsRefusedBeforeAnythingIsWritten() throws IOException {
        CountingStream out = new CountingStream();
        FrameWriter writer = new FrameWriter(out, FrameCodec.withMaxFrameBytes(1024));
        EventEnvelope big = new EventEnvelope("t", "", StringNode.valueOf("x".repeat(2000)));
        assertThatThrownBy(() -> writer.write(big)).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.OVERSIZE);
            assertThat(e).hasMessageContaining("limit is 1024 bytes");
        });
        assertThat(out.size()).isZero();
        writer.write(BYE);
        assertThat(out.size()).isPositive();
    }

    @Test
    void readerHonoursItsLimit() throws IOException {
        byte[] frame = FrameCodec.defaults().encode(HELLO);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), FrameCodec.withMaxFrameBytes(8));
        assertThatThrownBy(reader::read).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.OVERSIZE));
    }

    private static final class CountingStream extends ByteArrayOutputStream {
        int writes;
        int flushes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
