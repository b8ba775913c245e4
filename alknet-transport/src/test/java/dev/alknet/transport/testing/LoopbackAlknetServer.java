package dev.alknet.transport.testing;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.AlknetClient;
import dev.alknet.transport.AlknetServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An {@link AlknetServer} on one loopback listener, configured from TOML as operators write it, that admits one
 * user key. Restarting with the same host key and listener port stands in for a server restart.
 */
public final class LoopbackAlknetServer {

    /** A forwarding policy that lets sessions reach and bind loopback only, by address or by name. */
    public static final String ALLOW_LOOPBACK = """
            [forwarding]
            default = "deny"

            [[forwarding.rules]]
            target = "127.0.0.1:*"
            action = "allow"

            [[forwarding.rules]]
            target = "localhost:*"
            action = "allow"
            """;

    private LoopbackAlknetServer() {
    }

    /**
     * @param forwarding the {@code [forwarding]} section (policy) of the config
     */
    public static AlknetServer start(Path dir, OpenSshKeyPair user, OpenSshKeyPair host, String forwarding,
            ListenerConfig listener) throws IOException {
        return start(dir, user, host, forwarding, listener, builder -> { });
    }

    /** As above, with {@code customize} applied to the builder last. */
    public static AlknetServer start(Path dir, OpenSshKeyPair user, OpenSshKeyPair host, String forwarding,
            ListenerConfig listener, Consumer<AlknetServer.Builder> customize) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), user.publicKey().toLine() + "\n");
        Path file = dir.resolve("alknet.toml");
        Files.writeString(file, "[auth]\nauthorized_keys = \"authorized_keys\"\n\n" + forwarding);
        AlknetServer.Builder builder = AlknetServer.builder()
                .config(new ConfigReloadHandle(ConfigLoader.load(file).dynamicConfig()))
                .hostKey(host)
                .listener(listener);
        customize.accept(builder);
        return builder.start();
    }

    /** A client of {@code server} (its first listener, its host key pinned) logging in with {@code user}. */
    public static AlknetClient.Builder client(AlknetServer server, OpenSshKeyPair user) {
        return AlknetClient.builder()
                .server(new HostPort("127.0.0.1", server.listenAddresses().get(0).getPort()))
                .identity(user)
                .serverKey(server.hostKey());
    }
}
