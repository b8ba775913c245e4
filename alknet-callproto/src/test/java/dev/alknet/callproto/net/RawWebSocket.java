package dev.alknet.callproto.net;

import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket peer that is not alknet's, as a TypeScript client would be: the JDK's {@code java.net.http} client,
 * sending whatever text or binary it is given and collecting the text messages and the close code it gets back.
 */
final class RawWebSocket implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** The close code the server sent, or -1 when the connection ended without one. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawWebSocket(URI uri, String authorization, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new Collector()).join();
    }

    /** @throws java.util.concurrent.CompletionException with a {@code WebSocketHandshakeException} when refused */
    static RawWebSocket connect(URI uri, String authorization) {
        return new RawWebSocket(uri, authorization, null);
    }

    /** As a web page on {@code origin} would connect: its browser names the page's origin. */
    static RawWebSocket fromPage(URI uri, String origin) {
        return new RawWebSocket(uri, null, origin);
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message as an envelope; fails after {@link NetFixture#GUARD} (a hang, not a timing check). */
    EventEnvelope next() throws Exception {
        String text = messages.poll(NetFixture.GUARD.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new AssertionError("no message within " + NetFixture.GUARD);
        }
        return decode(text);
    }

    private static EventEnvelope decode(String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return FrameCodec.defaults().decodeBody(body, 0, body.length);
    }

    /** The next message, or null once the connection has closed and everything before the close was taken. */
    EventEnvelope nextOrNullWhenClosed() throws Exception {
        long giveUp = System.nanoTime() + NetFixture.GUARD.toNanos();
        while (System.nanoTime() < giveUp) {
            String text = messages.poll(50, TimeUnit.MILLISECONDS);
            if (text != null) {
                return decode(text);
            }
            if (closed.isDone() && messages.isEmpty()) {
                return null;
            }
        }
        throw new AssertionError("neither a message nor a close within " + NetFixture.GUARD);
    }

    int closeCode() throws Exception {
        return closed.get(NetFixture.GUARD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
