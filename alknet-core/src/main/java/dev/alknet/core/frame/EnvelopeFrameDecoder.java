package dev.alknet.core.frame;

import dev.alknet.core.frame.internal.FrameErrors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Netty inbound handler turning frames into {@link EventEnvelope} messages.
 *
 * <p>A malformed, oversize or (at channel end) truncated frame is passed to {@code exceptionCaught} as the
 * {@link FrameException} itself, not wrapped; from then on the decoder discards everything the connection sends,
 * leaving the session layer to answer with {@code PROTOCOL_ERROR} and close. Bodies are parsed straight from the
 * buffer's backing array when it has one and from a reused scratch array otherwise (direct buffers).
 */
public final class EnvelopeFrameDecoder extends ByteToMessageDecoder {

    /** Scratch arrays up to this size are kept between frames; larger ones are left to the garbage collector. */
    private static final int RETAINED_SCRATCH_BYTES = 64 * 1024;

    private final FrameCodec codec;
    private byte[] scratch = new byte[0];
    private boolean failed;

    public EnvelopeFrameDecoder() {
        this(FrameCodec.defaults());
    }

    public EnvelopeFrameDecoder(FrameCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < FrameCodec.HEADER_BYTES) {
            return;
        }
        int start = in.readerIndex();
        try {
            int length = codec.checkAnnounced(in.getUnsignedInt(start));
            if (in.readableBytes() - FrameCodec.HEADER_BYTES < length) {
                return;
            }
            EventEnvelope envelope = decodeBody(in, start + FrameCodec.HEADER_BYTES, length);
            in.skipBytes(FrameCodec.HEADER_BYTES + length);
            out.add(envelope);
        } catch (FrameException e) {
            fail(ctx, in, e);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // Whole frames were already decoded by the time the input closes; anything left is a partial frame.
        if (!failed && in.isReadable()) {
            int headerBytes = Math.min(in.readableBytes(), FrameCodec.HEADER_BYTES);
            long announced = headerBytes == FrameCodec.HEADER_BYTES ? in.getUnsignedInt(in.readerIndex()) : 0;
            fail(ctx, in, FrameErrors.truncated(headerBytes, in.readableBytes() - headerBytes, announced));
        }
    }

    private EventEnvelope decodeBody(ByteBuf in, int index, int length) throws FrameException {
        if (in.hasArray()) {
            return codec.decodeBody(in.array(), in.arrayOffset() + index, length);
        }
        byte[] bytes = length <= scratch.length ? scratch : new byte[length];
        if (length <= RETAINED_SCRATCH_BYTES) {
            scratch = bytes;
        }
        in.getBytes(index, bytes, 0, length);
        return codec.decodeBody(bytes, 0, length);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, FrameException e) {
        failed = true;
        scratch = null;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(e);
    }
}
