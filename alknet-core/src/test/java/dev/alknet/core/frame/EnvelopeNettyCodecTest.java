package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.frame.FrameException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

class EnvelopeNettyCodecTest {

    private static final EventEnvelope HELLO = new EventEnvelope("call.requested", "r1",
            FrameCodec.jsonMapper().createObjectNode().put("requestId", "r1").put("operationId", "/echo"));

    private final List<ByteBuf> inputs = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void everyInputBufferWasReleased() {
        assertThat(inputs).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void encoderOutputIsTheFrameAndDecodesBack() throws FrameException {
        EmbeddedChannel out = new EmbeddedChannel(new EnvelopeFrameEncoder());
        assertThat(out.writeOutbound(HELLO)).isTrue();
        ByteBuf frame = out.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(FrameCodec.defaults().encode(HELLO));
            EmbeddedChannel in = decoderChannel(FrameCodec.defaults());
            in.writeInbound(track(frame.retainedDuplicate()));
            assertThat((EventEnvelope) in.readInbound()).isEqualTo(HELLO);
            assertThat(in.finish()).isFalse();
        } finally {
            assertThat(frame.release()).isTrue();
        }
        assertThat(out.finish()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void severalFramesInOneBufferAndOneFrameOverSeveral() throws FrameException {
        EventEnvelope bye = new EventEnvelope("call.completed", "r1", null);
        byte[] stream = Chunks.frames(FrameCodec.defaults(), List.of(HELLO, bye, HELLO));
        EmbeddedChannel in = decoderChannel(FrameCodec.defaults());
        int cut = stream.length - 7;
        in.writeInbound(track(Unpooled.wrappedBuffer(stream, 0, cut)));
        in.writeInbound(track(Unpooled.directBuffer().writeBytes(stream, cut, 7)));
        assertThat(List.<EventEnvelope>of(in.readInbound(), in.readInbound(), in.readInbound()))
                .containsExactly(HELLO, bye, HELLO);
        assertThat(in.finish()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void aBadFrameIsReportedUnwrappedAndStopsDecoding() throws FrameException {
        byte[] good = FrameCodec.defaults().encode(HELLO);
        EmbeddedChannel in = decoderChannel(FrameCodec.defaults());
        in.writeInbound(track(Unpooled.wrappedBuffer(good, new byte[] {0, 0, 0, 1, 'x'}, good)));
        in.writeInbound(track(Unpooled.wrappedBuffer(good)));
        assertThat((EventEnvelope) in.readInbound()).isEqualTo(HELLO);
        assertThat((Object) in.readInbound()).isNull();
        assertThat(errors).singleElement().isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_JSON));
        assertThat(in.finish()).isFalse();
        assertThat(errors).hasSize(1);
    }

    @Test
    void anOversizeHeaderFailsAtOnce() {
        EmbeddedChannel in = decoderChannel(FrameCodec.withMaxFrameBytes(100));
        in.writeInbound(track(Unpooled.wrappedBuffer(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})));
        assertThat(errors).singleElement().isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.OVERSIZE);
            assertThat(e).hasMessage("frame header announces 2147483647 bytes, limit is 100 bytes");
        });
        in.finish();
    }

    @Test
    void aPartialFrameAtChannelEndIsTruncated() throws FrameException {
        byte[] good = FrameCodec.defaults().encode(HELLO);
        EmbeddedChannel in = decoderChannel(FrameCodec.defaults());
        in.writeInbound(track(Unpooled.wrappedBuffer(good, 0, good.length - 1)));
        assertThat(errors).isEmpty();
        assertThat(in.finish()).isFalse();
        assertThat(errors).singleElement().isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(e).hasMessageContaining("after " + (good.length - 5) + " of " + (good.length - 4));
        });
    }

    @Test
    void anOversizeEnvelopeFailsItsWriteAndSendsNothing() {
        EmbeddedChannel out = new EmbeddedChannel(new EnvelopeFrameEncoder(FrameCodec.withMaxFrameBytes(64)));
        ChannelFuture write = out.writeOneOutbound(
                new EventEnvelope("t", "", StringNode.valueOf("x".repeat(100))));
        out.flushOutbound();
        assertThat(write.cause()).isInstanceOf(EncoderException.class)
                .cause().isInstanceOfSatisfying(FrameException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.OVERSIZE));
        assertThat((Object) out.readOutbound()).isNull();
        assertThat(out.finish()).isFalse();
    }

    @Test
    void theEncoderIsSharable() {
        assertThat(new EnvelopeFrameEncoder().isSharable()).isTrue();
    }

    private EmbeddedChannel decoderChannel(FrameCodec codec) {
        return new EmbeddedChannel(new EnvelopeFrameDecoder(codec), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });
    }

    private ByteBuf track(ByteBuf buf) {
        inputs.add(buf);
        return buf;
    }
}
