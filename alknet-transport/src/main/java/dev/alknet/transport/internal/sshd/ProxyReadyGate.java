package dev.alknet.transport.internal.sshd;

import dev.alknet.transport.SshPipeline;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.proxy.ProxyConnectionEvent;

/**
 * Sits right behind the proxy handler of an outbound SSH connection and starts SSH once the proxy connected: a
 * proxy that refuses must fail the connect future with its own reason, not a half-started SSH session.
 */
final class ProxyReadyGate extends ChannelInboundHandlerAdapter {

    /** False when the handlers behind the gate fire {@link SshPipeline#READY} themselves, later. */
    private boolean startsSsh = true;

    void leaveStartTo(SshPipeline.Start hookStart) {
        startsSsh = hookStart == SshPipeline.Start.NOW;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ProxyConnectionEvent) {
            if (startsSsh) {
                SshPipeline.fireReady(ctx);
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
