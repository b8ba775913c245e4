package dev.alknet.callproto.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameReader;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The message ⇄ length-prefixed adapter on an embedded channel: framing both ways and the read pause. */
class MessageStreamTest {

    private static final String ENVELOPE = "{\"type\":\"call.completed\",\"id\":\"r\",\"payload\":{\"requestId\":\"r\"}}";

    @Test
    void eachMessageReadsAsOneFrameAndTheSocketPausesWhileTooMuchIsQueued() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        MessageStream stream = MessageStream.standalone(channel, TransportInfo.inMemory());
        channel.pipeline().addLast(stream.feed(() -> { }));
        int messages = MessageInput.HIGH_WATER_BYTES / ENVELOPE.length() + 1;
        for (int i = 0; i < messages; i++) {
            channel.writeInbound(new TextWebSocketFrame(ENVELOPE));
        }
        assertThat(channel.config().isAutoRead()).isFalse();
        FrameReader frames = new FrameReader(stream.input());
        for (int i = 0; i < messages; i++) {
            assertThat(frames.read().id()).isEqualTo("r");
        }
        assertThat(channel.config().isAutoRead()).isTrue();
        stream.close();
        channel.finishAndReleaseAll();
    }

    @Test
    void framesWrittenInAnyPiecesLeaveAsWholeTextMessagesThenANormalClose() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        MessageStream stream = MessageStream.standalone(channel, TransportInfo.inMemory());
        byte[] frame = FrameCodec.defaults().encode(new EventEnvelope("call.completed", "r",
                FrameCodec.jsonMapper().createObjectNode().put("requestId", "r")));
        byte[] twice = new byte[frame.length * 2];
        System.arraycopy(frame, 0, twice, 0, frame.length);
        System.arraycopy(frame, 0, twice, frame.length, frame.length);
        stream.output().write(twice, 0, 3);
        stream.output().write(twice, 3, frame.length);
        stream.output().write(twice, frame.length + 3, frame.length - 3);
        stream.output().close();
        channel.runPendingTasks();
        for (int i = 0; i < 2; i++) {
            TextWebSocketFrame message = channel.readOutbound();
            assertThat(message.content().toString(StandardCharsets.UTF_8)).contains("\"requestId\":\"r\"");
            message.release();
        }
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1000);
        close.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aStreamAwaitingItsSessionClosesWith1011WhenNoneStarted() {
        EmbeddedChannel channel = new EmbeddedChannel();
        MessageStream stream = MessageStream.awaitingSession(channel, TransportInfo.inMemory());
        stream.refused();
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1011);
        close.release();
        channel.finishAndReleaseAll();
    }
}
