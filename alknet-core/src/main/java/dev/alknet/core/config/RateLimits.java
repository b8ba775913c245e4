package dev.alknet.core.config;

/**
 * Connection and authentication limits. They are part of {@link DynamicConfig} and read when a connection is
 * accepted, so a reload applies to the next connection.
 *
 * @param maxConnectionsPerIp simultaneous connections one IP address may hold; 0 = unlimited
 * @param maxAuthAttempts failed authentications a connection may make before it is closed; 0 = unlimited
 */
public record RateLimits(int maxConnectionsPerIp, int maxAuthAttempts) {

    private static final RateLimits DEFAULTS = new RateLimits(0, 10);

    /** @throws ConfigException at the key of a negative limit */
    public RateLimits {
        if (maxConnectionsPerIp < 0) {
            throw new ConfigException("max_connections_per_ip", "must be 0 (unlimited) or more");
        }
        if (maxAuthAttempts < 0) {
            throw new ConfigException("max_auth_attempts", "must be 0 (unlimited) or more");
        }
    }

    /** Unlimited connections per IP, 10 auth attempts per connection. */
    public static RateLimits defaults() {
        return DEFAULTS;
    }

    public RateLimits withMaxConnectionsPerIp(int maxConnectionsPerIp) {
        return new RateLimits(maxConnectionsPerIp, maxAuthAttempts);
    }

    public RateLimits withMaxAuthAttempts(int maxAuthAttempts) {
        return new RateLimits(maxConnectionsPerIp, maxAuthAttempts);
    }
}
