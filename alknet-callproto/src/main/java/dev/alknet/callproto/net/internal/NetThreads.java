package dev.alknet.callproto.net.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads raw framing servers and clients own. */
public final class NetThreads {

    private NetThreads() {
    }

    /** NIO event loops with daemon threads named {@code prefix-N}; 0 threads = Netty's default count. */
    public static EventLoopGroup loops(String prefix, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(prefix, true),
                NioIoHandler.newFactory());
    }

    /** Daemon threads for blocking work that must stay off the event loops (first frames, signatures). */
    public static ExecutorService blocking(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
