package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.net.internal.MessageFeed;
import dev.alknet.callproto.net.internal.MessageStream;
import dev.alknet.callproto.net.internal.NetThreads;
import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.transport.DuplexStream;
import dev.alknet.transport.ClientTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Connects to a {@link WebSocketServer} ({@code ws://} or {@code wss://}) and authenticates with
 * {@code Authorization: Bearer <token>} on the upgrade request.
 *
 * <pre>{@code
 * try (TokenSigner signer = TokenSigner.of(OpenSshKeyPair.load(keyFile));
 *      WebSocketCallClient client = WebSocketCallClient.builder().tls(ClientTls.create(settings))
 *              .token(signer::sign).build();
 *      CallSession session = client.connect(URI.create("wss://head.example/alknet"))) {
 *     session.call("/w1/files/read", input).get();
 * }
 * }</pre>
 *
 * <p>Without a token the session is anonymous on the server (or refused, when the server requires tokens). A fresh
 * token is made for each connection. Closing the client closes its connections.
 */
public final class WebSocketCallClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = ClientBuilder.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);

    /** Bounds the upgrade response (a 401 has no body to speak of). */
    private static final int MAX_RESPONSE_BODY = 8192;

    private final EventLoopGroup loops;
    private final ClientTls tls;
    private final Supplier<AuthToken> tokens;
    private final FrameCodec codec;
    private final Duration connectTimeout;
    private final Duration upgradeTimeout;

    private WebSocketCallClient(Builder b) {
        this.loops = NetThreads.loops("alknet-ws-client", 1);
        this.tls = b.tls;
        this.tokens = b.tokens;
        this.codec = b.codec;
        this.connectTimeout = b.connectTimeout;
        this.upgradeTimeout = b.upgradeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects, upgrades and returns the connection for a session of the caller's making (e.g.
     * {@link dev.alknet.callproto.Worker.Builder#connect}); the caller owns it.
     *
     * @param uri {@code ws://host[:port]/path} without TLS, {@code wss://...} with {@link Builder#tls}
     * @throws IOException when the connection, TLS or the upgrade failed or timed out
     * @throws CallException when the server refused the token, or wants one ({@link ErrorCode#ACCESS_DENIED})
     */
    public DuplexStream open(URI uri) throws IOException {
        return upgrade(uri, MessageStream::standalone);
    }

    /** Connects, upgrades and starts a session with default settings; the server's identity is not known. */
    public CallSession connect(URI uri) throws IOException {
        MessageStream stream = upgrade(uri, MessageStream::awaitingSession);
        CallSession session;
        try {
            session = CallSession.builder(stream, Identity.anonymous()).start();
        } catch (RuntimeException e) {
            stream.refused();
            throw e;
        }
        stream.bind(session);
        return session;
    }

    /** Closes every connection this client made and releases its thread. */
    @Override
    public void close() {
        NetThreads.shutdown(loops);
    }

    private interface StreamKind {
        MessageStream over(Channel channel, TransportInfo info);
    }

    private MessageStream upgrade(URI uri, StreamKind kind) throws IOException {
        boolean secure = secure(uri);
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        AtomicReference<MessageFeed> feed = new AtomicReference<>();
        AtomicReference<MessageStream> stream = new AtomicReference<>();
        AuthToken token = tokens == null ? null : tokens.get();
        Channel channel;
        try {
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .customHeaders(authorization(token))
                    // Origin names a web page for servers to vet; a program has none (and would be refused as one).
                    .generateOriginHeader(false)
                    .maxFramePayloadLength(codec.maxFrameBytes())
                    .handshakeTimeoutMillis(upgradeTimeout.toMillis())
                    .build();
            channel = dial(host, port, new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    MessageStream s = kind.over(ch, TransportInfo.of(ch.remoteAddress(), secure ? TransportKind.TLS
                            : TransportKind.TCP));
                    stream.set(s);
                    feed.set(s.feed(() -> { }));
                    if (secure) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BODY),
                            new WebSocketClientProtocolHandler(config),
                            new WebSocketFrameAggregator(codec.maxFrameBytes()), feed.get());
                }
            });
        } finally {
            if (token != null) {
                token.destroy();
            }
        }
        awaitUpgrade(channel, feed.get(), host, port);
        return stream.get();
    }

    private boolean secure(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (uri.getHost() == null || !(scheme.equals("ws") || scheme.equals("wss"))) {
            throw new IllegalArgumentException("expected ws://host/path or wss://host/path, got scheme '" + scheme
                    + "' and host " + uri.getHost());
        }
        boolean secure = scheme.equals("wss");
        if (secure && tls == null) {
            throw new IllegalArgumentException("wss:// needs tls(...) on the builder");
        }
        if (!secure && tls != null) {
            throw new IllegalArgumentException("ws:// is unencrypted but tls(...) is set; use wss://");
        }
        return secure;
    }

    private static HttpHeaders authorization(AuthToken token) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token.encode());
        }
        return headers;
    }

    private void awaitUpgrade(Channel channel, MessageFeed feed, String host, int port) throws IOException {
        try {
            feed.handshake().get(upgradeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the WebSocket upgrade with " + host + ":" + port);
        } catch (TimeoutException e) {
            channel.close();
            throw new IOException("no WebSocket upgrade from " + host + ":" + port + " within " + upgradeTimeout);
        } catch (ExecutionException e) {
            channel.close();
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketClientHandshakeException refused && refused.response() != null
                    && refused.response().status().code() == HttpResponseStatus.UNAUTHORIZED.code()) {
                throw new CallException(ErrorCode.ACCESS_DENIED, "token rejected (HTTP 401 from " + host + ":"
                        + port + ")");
            }
            throw new IOException("WebSocket upgrade with " + host + ":" + port + " failed: " + cause.getMessage(),
                    cause);
        }
    }

    private Channel dial(String host, int port, ChannelInitializer<SocketChannel> pipeline) throws IOException {
        ChannelFuture connected = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(pipeline)
                .connect(host, port);
        try {
            connected.await();
        } catch (InterruptedException e) {
            connected.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + host + ":" + port);
        }
        if (!connected.isSuccess()) {
            throw new IOException("cannot connect to " + host + ":" + port + ": " + connected.cause().getMessage(),
                    connected.cause());
        }
        return connected.channel();
    }

    /** Collects the client's settings. */
    public static final class Builder extends ClientBuilder<Builder> {

        private Duration upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;

        private Builder() {
        }

        /** How long TLS and the upgrade may take once connected. */
        public Builder upgradeTimeout(Duration timeout) {
            this.upgradeTimeout = Durations.positive(timeout, "upgrade timeout");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public WebSocketCallClient build() {
            return new WebSocketCallClient(this);
        }
    }
}
