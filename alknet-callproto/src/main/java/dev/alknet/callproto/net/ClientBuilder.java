package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.core.AuthToken;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.transport.ClientTls;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every call-protocol client shares: TLS, the token per connection, the frame limit and the connect
 * timeout. {@link CallClient.Builder} and {@link WebSocketCallClient.Builder} add their own.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class ClientBuilder<B extends ClientBuilder<B>>
        permits CallClient.Builder, WebSocketCallClient.Builder {

    /** How long connecting may take, unless set otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    ClientTls tls;
    Supplier<AuthToken> tokens;
    FrameCodec codec = FrameCodec.defaults();
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    ClientBuilder() {
    }

    /** Connects with TLS ({@code wss://} for WebSocket), checking the server as {@code tls} says. */
    public B tls(ClientTls tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return self();
    }

    /** Makes a token per connection, e.g. {@code signer::sign} of a {@link dev.alknet.auth.TokenSigner}. */
    public B token(Supplier<AuthToken> tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        return self();
    }

    /** The frame (or WebSocket message) limit, default 16 MiB. */
    public B codec(FrameCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return self();
    }

    public B connectTimeout(Duration timeout) {
        this.connectTimeout = Durations.positive(timeout, "connect timeout");
        return self();
    }

    abstract B self();
}
