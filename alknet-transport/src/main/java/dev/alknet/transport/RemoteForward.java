package dev.alknet.transport;

import dev.alknet.core.config.HostPort;
import dev.alknet.transport.internal.forward.ForwardSpecs;
import java.util.Objects;

/**
 * A remote forward ({@code -R}): the server listens on {@code bind} and each connection it accepts is carried
 * back to the client, which connects to {@code target}.
 *
 * @param bind where the server listens; port 0 lets the server pick
 * @param target the destination the client connects to, port 1-65535
 */
public record RemoteForward(HostPort bind, HostPort target) {

    public RemoteForward {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Parses {@code [bind:]port:host:port}; the 3-part form binds {@code 127.0.0.1}. IPv6 literals go in
     * brackets on either side, e.g. {@code [::1]:8080:[fd00::5]:80}.
     *
     * @throws IllegalArgumentException naming the spec and the part that is wrong
     */
    public static RemoteForward parse(String spec) {
        HostPort[] parts = ForwardSpecs.parse("-R", spec);
        return new RemoteForward(parts[0], parts[1]);
    }

    /** The 4-part spec form, which {@link #parse} reads back to an equal record. */
    @Override
    public String toString() {
        return bind + ":" + target;
    }
}
