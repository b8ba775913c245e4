package dev.alknet.callproto.net.internal;

import dev.alknet.core.config.ListenerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;

/** Binds the listeners of the call-protocol servers (raw framing, WebSocket). */
public final class ServerChannels {

    private ServerChannels() {
    }

    /** @throws IOException naming the address when it cannot be bound */
    public static Channel bind(ListenerConfig listener, EventLoopGroup boss, EventLoopGroup workers,
            ChannelHandler connections) throws IOException {
        try {
            return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(connections)
                    .bind(listener.listen().host(), listener.listen().port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + listener.listen(), e);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + listener.listen() + ": " + e.getMessage(), e);
        }
    }
}
