package dev.alknet.transport.internal.sshd;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.Objects;

/**
 * The two event loop groups of the bridge: {@code boss} owns listening sockets, {@code worker} the connections.
 * They must differ because MINA binds {@code -R} listeners synchronously from inside a session's input handling,
 * i.e. on a worker loop; waiting there for a bind running on that very loop would deadlock. Both groups must run
 * NIO channels ({@link NioIoHandler}).
 */
public record EventLoops(EventLoopGroup boss, EventLoopGroup worker) {

    public EventLoops {
        Objects.requireNonNull(boss, "boss");
        Objects.requireNonNull(worker, "worker");
        if (boss == worker) {
            throw new IllegalArgumentException("boss and worker event loop groups must be different groups");
        }
    }

    /** One thread for accepting, Netty's default thread count (two per core) for the connections. */
    static EventLoops createDefault() {
        return new EventLoops(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
                new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()));
    }
}
