package dev.alknet.core.config;

import dev.alknet.core.policy.ForwardingPolicy;
import java.util.Objects;

/**
 * What may change while the server runs: checked per connection, authentication or channel rather than
 * baked into sockets. Instances are immutable; a {@link ConfigReloadHandle} swaps one for another.
 *
 * @param auth who may authenticate and with what grants
 * @param forwarding which destinations sessions may forward to
 * @param rateLimits per-IP connection and per-connection auth limits
 */
public record DynamicConfig(AuthConfig auth, ForwardingPolicy forwarding, RateLimits rateLimits) {

    private static final DynamicConfig DEFAULTS =
            new DynamicConfig(AuthConfig.empty(), ForwardingPolicy.allowAll(), RateLimits.defaults());

    public DynamicConfig {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** Empty auth, forwarding allowed everywhere, default rate limits. */
    public static DynamicConfig defaults() {
        return DEFAULTS;
    }

    public DynamicConfig withAuth(AuthConfig auth) {
        return new DynamicConfig(auth, forwarding, rateLimits);
    }

    public DynamicConfig withForwarding(ForwardingPolicy forwarding) {
        return new DynamicConfig(auth, forwarding, rateLimits);
    }

    public DynamicConfig withRateLimits(RateLimits rateLimits) {
        return new DynamicConfig(auth, forwarding, rateLimits);
    }
}
