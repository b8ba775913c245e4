package dev.alknet.transport.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/** One NIO event loop group for all tests in the JVM, sized for a 2-core machine. */
public final class Loops {

    public static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private Loops() {
    }
}
