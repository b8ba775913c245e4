package dev.alknet.transport.internal.sshd;

import io.netty.channel.Channel;
import java.util.concurrent.Executor;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * Runs work for a MINA session on that session's event loop, marked internal as the bridge marks its own calls:
 * MINA then queues writes made during a key exchange instead of blocking the thread until it ends.
 */
public final class SessionLoop {

    private SessionLoop() {
    }

    public static Executor of(Session session) {
        Channel carrier = NettyIoSession.channelOf(session.getIoSession()).orElseThrow(
                () -> new IllegalStateException("session " + session + " does not run on the Netty bridge"));
        return task -> carrier.eventLoop().execute(() -> {
            try {
                ThreadUtils.runAsInternal(() -> {
                    task.run();
                    return null;
                });
            } catch (Exception e) {
                session.exceptionCaught(e);
            }
        });
    }
}
