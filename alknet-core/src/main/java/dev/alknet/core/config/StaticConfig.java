package dev.alknet.core.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is fixed when the server starts: everything that shapes socket binding or the SSH handshake. Changing
 * any of it means restarting the server; what may change while it runs is in {@link DynamicConfig}.
 *
 * @param listeners the sockets to accept on, at least one, no two on the same address (port 0 excepted)
 * @param hostKey the SSH host private key file; empty lets the host application decide (generate or load one)
 * @param proxy where outbound connections go through; empty for direct connections
 */
public record StaticConfig(List<ListenerConfig> listeners, Optional<Path> hostKey, Optional<OutboundProxy> proxy) {

    private static final StaticConfig DEFAULTS =
            new StaticConfig(List.of(ListenerConfig.builder().build()), Optional.empty(), Optional.empty());

    /** @throws ConfigException with key path {@code listeners} or {@code listeners[i].listen} */
    public StaticConfig {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(proxy, "proxy");
        if (listeners.isEmpty()) {
            throw new ConfigException("listeners", "at least one listener is required");
        }
        Map<HostPort, Integer> used = new HashMap<>();
        for (int i = 0; i < listeners.size(); i++) {
            HostPort listen = listeners.get(i).listen();
            Integer previous = listen.port() == 0 ? null : used.putIfAbsent(listen, i);
            if (previous != null) {
                throw new ConfigException("listeners[" + i + "].listen",
                        listen + " is already used by listeners[" + previous + "]");
            }
        }
    }

    /** One TCP listener on {@code 0.0.0.0:22}, no host key file, no proxy. */
    public static StaticConfig defaults() {
        return DEFAULTS;
    }

    public StaticConfig withListeners(List<ListenerConfig> listeners) {
        return new StaticConfig(listeners, hostKey, proxy);
    }

    /** @param hostKey the host key file, {@code null} to let the host application decide */
    public StaticConfig withHostKey(Path hostKey) {
        return new StaticConfig(listeners, Optional.ofNullable(hostKey), proxy);
    }

    /** @param proxy the outbound proxy, {@code null} for direct connections */
    public StaticConfig withProxy(OutboundProxy proxy) {
        return new StaticConfig(listeners, hostKey, Optional.ofNullable(proxy));
    }
}
