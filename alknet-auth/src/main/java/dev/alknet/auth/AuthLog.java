package dev.alknet.auth;

import dev.alknet.auth.internal.IpText;
import dev.alknet.auth.internal.LogValues;
import dev.alknet.core.TransportInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INFO lines a fail2ban filter reads (spec §2.6.6, DESIGN §4.10), emitted through SLF4J logger
 * {@value #LOGGER_NAME}:
 *
 * <pre>
 * auth attempt remote_addr=&lt;ip&gt; user=&lt;user&gt; key_fingerprint=&lt;SHA256:...|-&gt; result=accept
 * auth attempt remote_addr=&lt;ip&gt; user=&lt;user&gt; key_fingerprint=&lt;SHA256:...|-&gt; result=reject reason=&lt;word&gt;
 * connection opened remote_addr=&lt;ip&gt; transport=&lt;tcp|tls|...&gt;
 * connection closed remote_addr=&lt;ip&gt; duration=&lt;seconds&gt;
 * connection rejected remote_addr=&lt;ip&gt; transport=&lt;...&gt; reason=rate_limit
 * </pre>
 *
 * {@code remote_addr} is the IP alone (no port; IPv6 in RFC 5952 form), or {@code unknown} without an IP transport.
 * The user name comes from the network, so it is reduced to one token of safe characters: it can never forge a
 * second field, a second line or another address for fail2ban. Nothing else is logged: no tokens, key material,
 * tunnel destinations or byte counts.
 */
public final class AuthLog {

    public static final String LOGGER_NAME = "alknet.auth";

    private final Logger log;

    public AuthLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    public AuthLog(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** @param fingerprint the presented key's fingerprint, {@code null} when there was no key (logged as {@code -}) */
    public void authAccepted(TransportInfo transport, String user, String fingerprint) {
        if (log.isInfoEnabled()) {
            log.info(authAttempt(transport, user, fingerprint) + " result=accept");
        }
    }

    public void authRejected(TransportInfo transport, String user, String fingerprint, AuthFailure reason) {
        if (log.isInfoEnabled()) {
            log.info(authAttempt(transport, user, fingerprint) + " result=reject reason=" + reason.word());
        }
    }

    public void connectionOpened(TransportInfo transport) {
        if (log.isInfoEnabled()) {
            log.info("connection opened remote_addr=" + remoteAddr(transport) + " transport="
                    + transport.kind().wireName());
        }
    }

    public void connectionClosed(TransportInfo transport, Duration duration) {
        if (log.isInfoEnabled()) {
            log.info("connection closed remote_addr=" + remoteAddr(transport) + " duration="
                    + String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0));
        }
    }

    /** A connection refused because its address is at {@code --max-connections-per-ip}. */
    public void connectionRejected(TransportInfo transport) {
        if (log.isInfoEnabled()) {
            log.info("connection rejected remote_addr=" + remoteAddr(transport) + " transport="
                    + transport.kind().wireName() + " reason=rate_limit");
        }
    }

    private static String authAttempt(TransportInfo transport, String user, String fingerprint) {
        return "auth attempt remote_addr=" + remoteAddr(transport) + " user=" + LogValues.token(user)
                + " key_fingerprint=" + LogValues.token(fingerprint);
    }

    private static String remoteAddr(TransportInfo transport) {
        if (transport.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return IpText.format(inet.getAddress());
        }
        return "unknown";
    }
}
