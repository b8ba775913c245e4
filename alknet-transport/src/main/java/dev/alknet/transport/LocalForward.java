package dev.alknet.transport;

import dev.alknet.core.config.HostPort;
import dev.alknet.transport.internal.forward.ForwardSpecs;
import java.util.Objects;

/**
 * A local forward ({@code -L}): connections accepted on {@code bind} are tunnelled to {@code target}, which the
 * far side resolves and connects to.
 *
 * @param bind where to listen; port 0 picks a free port
 * @param target the destination, a name or an IP literal, port 1-65535
 */
public record LocalForward(HostPort bind, HostPort target) {

    public LocalForward {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Parses {@code [bind:]port:host:port}; the 3-part form binds {@code 127.0.0.1}. IPv6 literals go in
     * brackets on either side, e.g. {@code [::1]:8080:[fd00::5]:80}.
     *
     * @throws IllegalArgumentException naming the spec and the part that is wrong
     */
    public static LocalForward parse(String spec) {
        HostPort[] parts = ForwardSpecs.parse("-L", spec);
        return new LocalForward(parts[0], parts[1]);
    }

    /** The 4-part spec form, which {@link #parse} reads back to an equal record. */
    @Override
    public String toString() {
        return bind + ":" + target;
    }
}
