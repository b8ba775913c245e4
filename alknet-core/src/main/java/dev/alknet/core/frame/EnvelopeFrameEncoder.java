package dev.alknet.core.frame;

import dev.alknet.core.frame.internal.EnvelopeJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.Objects;

/**
 * Netty outbound handler writing {@link EventEnvelope} messages as frames, straight into the (pooled) buffer the
 * base class allocates: the header slot is reserved, the JSON written behind it, then the length filled in.
 *
 * <p>An envelope over the limit fails its write promise with an {@code EncoderException} whose cause is a
 * {@link FrameException} of kind {@code OVERSIZE}; nothing reaches the wire. Stateless, hence sharable.
 */
@ChannelHandler.Sharable
public final class EnvelopeFrameEncoder extends MessageToByteEncoder<EventEnvelope> {

    private final FrameCodec codec;

    public EnvelopeFrameEncoder() {
        this(FrameCodec.defaults());
    }

    public EnvelopeFrameEncoder(FrameCodec codec) {
        super(EventEnvelope.class);
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, EventEnvelope envelope, ByteBuf out) throws Exception {
        int start = out.writerIndex();
        out.writeInt(0);
        EnvelopeJson.write(envelope, new ByteBufOutputStream(out));
        int bodyBytes = out.writerIndex() - start - FrameCodec.HEADER_BYTES;
        codec.checkEncoded(bodyBytes);
        out.setInt(start, bodyBytes);
    }
}
