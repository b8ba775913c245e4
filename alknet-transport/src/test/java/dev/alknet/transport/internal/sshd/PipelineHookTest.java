package dev.alknet.transport.internal.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.transport.SshPipeline;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.NoLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Handlers in front of SSH: the client sends a fixed preamble, the server consumes it in a handler that then removes
 * itself and starts SSH, as a stealth detector in front of SSH would.
 */
@ExtendWith(NoLeaks.class)
class PipelineHookTest {

    private static final byte[] PREAMBLE = "ALKNET/1\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sshRunsBehindAHandlerThatConsumesAPreambleAndRemovesItself() throws Exception {
        NettyIoServiceFactoryFactory serverIo = NettyIoServiceFactoryFactory.create().withServerHook(ch -> {
            ch.pipeline().addLast("preamble", new PreambleStripper());
            return SshPipeline.Start.ON_READY;
        });
        NettyIoServiceFactoryFactory clientIo = NettyIoServiceFactoryFactory.create().withClientHook(ch -> {
            ch.pipeline().addLast("preamble", new PreambleSender());
            return SshPipeline.Start.NOW;
        });
        try (EchoServer echo = new EchoServer();
                SshFixture ssh = new SshFixture(serverIo, clientIo);
                ClientSession session = ssh.login();
                ExplicitPortForwardingTracker forward = session.createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()))) {
            Loopback.assertEchoes(forward.getBoundAddress().getPort(), 1024 * 1024, 21);

            org.apache.sshd.common.session.Session serverSide = ssh.server.getActiveSessions().get(0);
            TransportInfo info = NettyIoSession.transportInfoOf(serverSide.getIoSession()).orElseThrow();
            assertThat(info.kind()).isEqualTo(TransportKind.TLS);
            assertThat(info.serverName()).contains("ssh.example");
            assertThat(NettyIoSession.channelOf(serverSide.getIoSession()).orElseThrow().pipeline().get("preamble"))
                    .isNull();
        }
    }

    /** Waits for the preamble, describes the connection, then leaves and starts SSH with whatever followed. */
    private static final class PreambleStripper extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (in.readableBytes() < PREAMBLE.length) {
                return;
            }
            byte[] got = new byte[PREAMBLE.length];
            in.readBytes(got);
            if (!java.util.Arrays.equals(got, PREAMBLE)) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            ctx.channel().attr(SshPipeline.TRANSPORT_INFO).set(
                    new TransportInfo(ctx.channel().remoteAddress(), TransportKind.TLS, "ssh.example"));
            SshPipeline.fireReady(ctx);
            // Removing a decoder hands its remaining bytes to the next handler.
            ctx.pipeline().remove(this);
        }
    }

    /** Writes the preamble before SSH says anything, then leaves. */
    private static final class PreambleSender extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PREAMBLE));
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }
}
