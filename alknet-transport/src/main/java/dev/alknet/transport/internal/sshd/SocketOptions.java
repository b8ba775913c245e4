package dev.alknet.transport.internal.sshd;

import io.netty.channel.ChannelOption;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.core.CoreModuleProperties;

/** MINA's socket properties as Netty channel options, so tuning an {@code SshServer} works the same on the bridge. */
final class SocketOptions {

    /** Takes one option; a bootstrap's {@code option} or {@code childOption}. */
    @FunctionalInterface
    interface Sink {
        <T> void set(ChannelOption<T> option, T value);
    }

    private SocketOptions() {
    }

    static void applyConnectionOptions(PropertyResolver properties, Sink sink) {
        CoreModuleProperties.TCP_NODELAY.get(properties).ifPresent(v -> sink.set(ChannelOption.TCP_NODELAY, v));
        CoreModuleProperties.SOCKET_KEEPALIVE.get(properties).ifPresent(v -> sink.set(ChannelOption.SO_KEEPALIVE, v));
        CoreModuleProperties.SOCKET_SNDBUF.get(properties).ifPresent(v -> sink.set(ChannelOption.SO_SNDBUF, v));
        CoreModuleProperties.SOCKET_RCVBUF.get(properties).ifPresent(v -> sink.set(ChannelOption.SO_RCVBUF, v));
        CoreModuleProperties.SOCKET_LINGER.get(properties).ifPresent(v -> sink.set(ChannelOption.SO_LINGER, v));
    }
}
