package dev.alknet.core.config.internal;

import dev.alknet.core.config.AlknetConfig;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.core.config.RateLimits;
import dev.alknet.core.config.StaticConfig;
import dev.alknet.core.policy.ForwardingPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.toml.TomlMapper;
import tools.jackson.dataformat.toml.TomlReadFeature;

/**
 * Turns TOML text into an {@link AlknetConfig}: everything is read and checked before anything is returned,
 * so a config is either complete or an exception.
 */
public final class ConfigReader {

    // Jackson only builds the tree; the typed reading is ours, for messages that name keys and lines.
    // Dates stay dates, so an unquoted 2024-01-01 is a type error rather than a string.
    private static final TomlMapper MAPPER =
            TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private ConfigReader() {
    }

    /**
     * @param sourceName the file name for messages, {@code null} when the text came from no file
     * @param baseDir what relative paths resolve against
     */
    public static AlknetConfig read(String text, Path baseDir, String sourceName) {
        TomlSource source = new TomlSource(sourceName, baseDir, KeyLines.scan(text));
        TomlTable root = TomlTable.root(parse(text, source), source);
        root.allowOnly("server", "auth", "forwarding", "listeners");

        TomlTable server = root.tableOrEmpty("server");
        ListenerConfig serverListener = ListenerSection.read(server,
                "max_connections_per_ip", "max_auth_attempts", "proxy");
        RateLimits rateLimits = rateLimits(server);
        Optional<OutboundProxy> proxy = server.string("proxy")
                .map(url -> server.build("proxy", () -> OutboundProxy.parse(url)));

        // [[listeners]] replaces the listener [server] describes (whose keys are still checked above).
        List<ListenerConfig> listeners = root.has("listeners")
                ? root.tables("listeners").stream().map(t -> ListenerSection.read(t, "interface")).toList()
                : List.of(serverListener);

        TomlTable auth = root.tableOrEmpty("auth");
        Optional<Path> hostKey = auth.path(AuthSection.HOST_KEY);
        hostKey.ifPresent(file -> auth.requireFile(AuthSection.HOST_KEY, file));
        StaticConfig staticConfig = root.build(() -> new StaticConfig(listeners, hostKey, proxy));

        ForwardingPolicy forwarding = root.table("forwarding").map(ForwardingSection::read)
                .orElse(ForwardingPolicy.allowAll());
        DynamicConfig dynamicConfig = new DynamicConfig(AuthSection.read(auth), forwarding, rateLimits);
        return new AlknetConfig(staticConfig, dynamicConfig);
    }

    private static RateLimits rateLimits(TomlTable server) {
        RateLimits defaults = RateLimits.defaults();
        int perIp = server.integer("max_connections_per_ip")
                .orElse(defaults.maxConnectionsPerIp());
        int authAttempts = server.integer("max_auth_attempts")
                .orElse(defaults.maxAuthAttempts());
        return server.build(() -> new RateLimits(perIp, authAttempts));
    }

    private static JsonNode parse(String text, TomlSource source) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            return tree == null || tree.isMissingNode() ? JsonNodeFactory.instance.objectNode() : tree;
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            int line = location == null ? 0 : location.getLineNr();
            int column = location == null ? 0 : location.getColumnNr();
            Optional<KeyPath> duplicate = source.lines().duplicateKey();
            String message = String.valueOf(e.getOriginalMessage());
            // Jackson places a duplicate key after its value; the scanner knows the key and its own line.
            if (message.startsWith("Duplicate key") && duplicate.isPresent()
                    && source.lines().duplicateKeyLine() <= line) {
                throw new ConfigException(source.name(), source.lines().duplicateKeyLine(), duplicate.get().text(),
                        "invalid TOML: duplicate key (each key may be set once)", e);
            }
            String at = column > 0 ? " (column " + column + ")" : "";
            throw new ConfigException(source.name(), line, "", "invalid TOML: " + message + at, e);
        }
    }
}
