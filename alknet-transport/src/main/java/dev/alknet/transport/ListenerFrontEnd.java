package dev.alknet.transport;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.internal.stealth.StealthDetector;
import dev.alknet.transport.internal.tls.TlsReadyHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a listener puts in front of SSH on each accepted connection: nothing for {@code tcp}, TLS for
 * {@code tls}, TLS and the stealth detector for {@code tls} with {@code stealth}. Create one per listener when
 * it binds (this reads the certificate files), then call {@link #install} from the child initializer.
 *
 * <h2>Hand-off to SSH</h2>
 * The SSH handlers are not added by the caller but by the {@code sshInstaller} passed to {@link #install},
 * which receives the channel's pipeline and must {@code addLast} them. It runs on the channel's event loop
 * exactly once, when the connection is ready for SSH:
 * <ul>
 *   <li>{@code tcp}: immediately, inside {@link #install};</li>
 *   <li>{@code tls}: when the TLS handshake has succeeded;</li>
 *   <li>stealth: when the client's first 8 bytes were {@code SSH-2.0-}; the bytes read so far follow right
 *       after, unchanged. A connection that is not SSH never reaches the installer.</li>
 * </ul>
 * The channel is already active by then, so SSH handlers must start their session in {@code handlerAdded}
 * rather than wait for {@code channelActive}; {@link #transportInfo} is complete at that point. Deferring the
 * install matters for stealth: an SSH server sends its banner first, which would give the listener away.
 */
public final class ListenerFrontEnd {

    /** How long a stealth listener waits for the first 8 bytes after the TLS handshake. */
    public static final Duration DEFAULT_STEALTH_TIMEOUT = Duration.ofSeconds(3);

    private final TransportKind kind;
    private final SslContext ssl;
    private final Duration stealthTimeout;

    private ListenerFrontEnd(TransportKind kind, SslContext ssl, Duration stealthTimeout) {
        this.kind = kind;
        this.ssl = ssl;
        this.stealthTimeout = stealthTimeout;
    }

    /** @throws TlsFileException when a TLS listener's certificate or key cannot be used */
    public static ListenerFrontEnd create(ListenerConfig config) throws TlsFileException {
        return create(config, DEFAULT_STEALTH_TIMEOUT);
    }

    /** @param stealthTimeout the wait for the first 8 bytes on a stealth listener; must be positive */
    public static ListenerFrontEnd create(ListenerConfig config, Duration stealthTimeout) throws TlsFileException {
        Objects.requireNonNull(config, "config");
        if (stealthTimeout.isNegative() || stealthTimeout.isZero()) {
            throw new IllegalArgumentException("stealth timeout must be positive, got " + stealthTimeout);
        }
        SslContext ssl = config.tls().isPresent() ? ServerTls.newContext(config.tls().get()) : null;
        return new ListenerFrontEnd(config.transport(), ssl, config.stealth() ? stealthTimeout : null);
    }

    /**
     * The handlers for one new connection, in pipeline order; the last of them calls {@code sshInstaller}
     * as described above, except for {@code tcp}, where the list is empty and the caller installs SSH itself.
     * {@link #install} is the usual way to use them.
     */
    public List<ChannelHandler> handlers(Channel channel, Consumer<ChannelPipeline> sshInstaller) {
        Objects.requireNonNull(sshInstaller, "sshInstaller");
        if (ssl == null) {
            return List.of();
        }
        ChannelHandler next = stealthTimeout != null
                ? new StealthDetector(stealthTimeout, sshInstaller) : new TlsReadyHandler(sshInstaller);
        return List.of(ssl.newHandler(channel.alloc()), next);
    }

    /** Adds this listener's handlers to a new connection's pipeline and arranges for SSH to follow them. */
    public void install(Channel channel, Consumer<ChannelPipeline> sshInstaller) {
        List<ChannelHandler> handlers = handlers(channel, sshInstaller);
        if (handlers.isEmpty()) {
            sshInstaller.accept(channel.pipeline());
        } else {
            channel.pipeline().addLast(handlers.toArray(ChannelHandler[]::new));
        }
    }

    /** Whether this listener answers non-SSH clients with a 404. */
    public boolean stealth() {
        return stealthTimeout != null;
    }

    /** What SSH should know about the connection; includes the SNI name once the TLS handshake is done. */
    public TransportInfo transportInfo(Channel channel) {
        return new TransportInfo(channel.remoteAddress(), kind,
                ServerTls.requestedServerName(channel).orElse(null));
    }
}
