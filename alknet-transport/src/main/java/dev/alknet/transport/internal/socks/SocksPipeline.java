package dev.alknet.transport.internal.socks;

import dev.alknet.transport.TunnelOpener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.socksx.SocksPortUnificationServerHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sets up and later strips the SOCKS codecs of an accepted connection. */
public final class SocksPipeline extends ChannelInitializer<Channel> {

    private static final String CODEC_PACKAGE = "io.netty.handler.codec.socksx.";

    private final TunnelOpener opener;
    private final Duration handshakeTimeout;

    public SocksPipeline(TunnelOpener opener, Duration handshakeTimeout) {
        this.opener = opener;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    protected void initChannel(Channel channel) {
        // Accepted channels run with autoRead off for the splice; the handshake reads freely until CONNECT.
        channel.config().setAutoRead(true);
        channel.pipeline().addLast(new SocksPortUnificationServerHandler(),
                new Socks5ServerHandler(opener, handshakeTimeout));
    }

    /** Removes Netty's SOCKS encoders and decoders once the connection carries tunnel bytes. */
    static void removeCodecs(ChannelPipeline pipeline) {
        List<ChannelHandler> codecs = new ArrayList<>();
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue().getClass().getName().startsWith(CODEC_PACKAGE)) {
                codecs.add(entry.getValue());
            }
        }
        codecs.forEach(pipeline::remove);
    }
}
