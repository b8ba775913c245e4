package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the three decoders (push, Netty, blocking stream) over the same chunks and reports what each produced, so
 * tests can demand the same result from all of them. Only {@link FrameException} is caught: any other exception
 * fails the calling test.
 */
final class DecoderHarness {

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /** The three decoders, for tests that run one chosen decoder. */
    enum Decoder {
        PUSH, NETTY, READER;

        Outcome run(FrameCodec codec, List<byte[]> chunks) throws IOException {
            return switch (this) {
                case PUSH -> push(codec, chunks);
                case NETTY -> netty(codec, chunks);
                case READER -> reader(codec, chunks);
            };
        }
    }

    /** The envelopes decoded before the stream ended or failed, and the failure if any. */
    record Outcome(List<EventEnvelope> envelopes, FrameException failure) {
        String failureSummary() {
            return failure == null ? "none" : failure.kind() + ": " + failure.getMessage();
        }
    }

    private DecoderHarness() {
    }

    static Outcome push(FrameCodec codec, List<byte[]> chunks) {
        FrameDecoder decoder = new FrameDecoder(codec);
        List<EventEnvelope> envelopes = new ArrayList<>();
        try {
            for (byte[] chunk : chunks) {
                decoder.feed(chunk, envelopes::add);
            }
            decoder.finish();
            return new Outcome(envelopes, null);
        } catch (FrameException e) {
            return new Outcome(envelopes, e);
        }
    }

    static Outcome reader(FrameCodec codec, List<byte[]> chunks) throws IOException {
        List<EventEnvelope> envelopes = new ArrayList<>();
        try (FrameReader reader = new FrameReader(Chunks.stream(chunks), codec)) {
            for (EventEnvelope envelope = reader.read(); envelope != null; envelope = reader.read()) {
                envelopes.add(envelope);
            }
            return new Outcome(envelopes, null);
        } catch (FrameException e) {
            return new Outcome(envelopes, e);
        }
    }

    /**
     * Feeds the chunks through an {@link EmbeddedChannel}, alternating heap and direct buffers so both decode paths
     * run, then closes the channel (which is where a truncated tail is reported) and checks every buffer was
     * released.
     */
    static Outcome netty(FrameCodec codec, List<byte[]> chunks) {
        Collector collector = new Collector();
        EmbeddedChannel channel = new EmbeddedChannel(new EnvelopeFrameDecoder(codec), collector);
        List<ByteBuf> written = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            ByteBuf buf = i % 2 == 0
                    ? Unpooled.wrappedBuffer(chunk)
                    : Unpooled.directBuffer(chunk.length).writeBytes(chunk);
            written.add(buf);
            channel.writeInbound(buf);
        }
        channel.finishAndReleaseAll();
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).as("input buffer released").isZero());
        assertThat(collector.errors).as("at most one error, always a FrameException").hasSizeLessThanOrEqualTo(1)
                .allSatisfy(e -> assertThat(e).isInstanceOf(FrameException.class));
        FrameException failure = collector.errors.isEmpty() ? null : (FrameException) collector.errors.get(0);
        return new Outcome(collector.envelopes, failure);
    }

    private static final class Collector extends ChannelInboundHandlerAdapter {
        final List<EventEnvelope> envelopes = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            envelopes.add((EventEnvelope) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }
}
