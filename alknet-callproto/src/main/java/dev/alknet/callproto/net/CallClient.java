package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.internal.AuthFrames;
import dev.alknet.callproto.net.internal.NetThreads;
import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.transport.ClientTls;
import dev.alknet.transport.Tunnel;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Connects to a {@link CallServer} (raw framing over TCP or TLS) and authenticates with the first frame.
 *
 * <pre>{@code
 * try (TokenSigner signer = TokenSigner.of(OpenSshKeyPair.load(keyFile));
 *      CallClient client = CallClient.builder().tls(ClientTls.create(settings)).token(signer::sign).build();
 *      CallSession session = client.connect("head.example", 7443)) {
 *     session.call("/w1/files/read", input).get();
 * }
 * // a worker behind the head:
 * Worker.builder("w1", ops).connect(client.open("head.example", 7443), headIdentity);
 * }</pre>
 *
 * <p>With a token the session runs as the token's identity on the server; without one it is anonymous there and
 * may call only operations without access restrictions. A fresh token is asked for on each connection, since
 * tokens are only valid for a few minutes. Closing the client closes its connections.
 */
public final class CallClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = ClientBuilder.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopGroup loops;
    private final ClientTls tls;
    private final Supplier<AuthToken> tokens;
    private final FrameCodec codec;
    private final Duration connectTimeout;
    private final Duration authTimeout;

    private CallClient(Builder b) {
        this.loops = NetThreads.loops("alknet-raw-client", 1);
        this.tls = b.tls;
        this.tokens = b.tokens;
        this.codec = b.codec;
        this.connectTimeout = b.connectTimeout;
        this.authTimeout = b.authTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects, authenticates and returns the connection for a session of the caller's making (e.g.
     * {@link dev.alknet.callproto.Worker.Builder#connect}); the caller owns it.
     *
     * @throws IOException when the connection, TLS or the exchange failed, or the server did not answer in time
     * @throws CallException when the server refused the token ({@link dev.alknet.callproto.ErrorCode#ACCESS_DENIED})
     */
    public TunnelStream open(String host, int port) throws IOException {
        Channel channel = dial(host, port);
        TransportInfo info = TransportInfo.of(channel.remoteAddress(), tls != null ? TransportKind.TLS
                : TransportKind.TCP);
        TunnelStream stream = TunnelStream.over(Tunnel.attach(channel), info);
        // The exchange reads from a blocking stream: closing the channel is what ends a wait for a silent server.
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            channel.close();
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
        AuthToken token = tokens == null ? null : tokens.get();
        try {
            AuthFrames.present(stream, token, codec);
            if (!deadline.cancel(false)) {
                throw new IOException("no answer to authentication within " + authTimeout);
            }
            return stream;
        } catch (IOException | RuntimeException e) {
            deadline.cancel(false);
            stream.close();
            throw e;
        } finally {
            if (token != null) {
                token.destroy();
            }
        }
    }

    /** Connects, authenticates and starts a session with default settings; the server's identity is not known. */
    public CallSession connect(String host, int port) throws IOException {
        return CallSession.builder(open(host, port), Identity.anonymous()).start();
    }

    /** Closes every connection this client made and releases its thread. */
    @Override
    public void close() {
        NetThreads.shutdown(loops);
    }

    private Channel dial(String host, int port) throws IOException {
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // Reads start only when a reader pulls; TLS reads for its handshake regardless.
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, port));
                        }
                    }
                });
        ChannelFuture connected = bootstrap.connect(host, port);
        try {
            connected.await();
            if (!connected.isSuccess()) {
                throw new IOException("cannot connect to " + host + ":" + port + ": "
                        + connected.cause().getMessage(), connected.cause());
            }
            Channel channel = connected.channel();
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            if (ssl != null && !ssl.handshakeFuture().await().isSuccess()) {
                channel.close();
                throw new IOException("TLS handshake with " + host + ":" + port + " failed: "
                        + ssl.handshakeFuture().cause().getMessage(), ssl.handshakeFuture().cause());
            }
            return channel;
        } catch (InterruptedException e) {
            connected.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + host + ":" + port);
        }
    }

    /** Collects the client's settings. */
    public static final class Builder extends ClientBuilder<Builder> {

        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;

        private Builder() {
        }

        /** How long the server may take to answer the authentication frame. */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = Durations.positive(timeout, "auth timeout");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public CallClient build() {
            return new CallClient(this);
        }
    }
}
