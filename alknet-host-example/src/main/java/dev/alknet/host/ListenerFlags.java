package dev.alknet.host;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Applies {@code --transport}, {@code --listen}, {@code --tls-*} and {@code --stealth} to the config's listener.
 *
 * <p>Choosing a transport by flag drops what the file said for the other one: {@code --transport tcp} over a
 * file with a TLS listener discards its certificate and stealth setting rather than failing on them. Errors name
 * flags, not TOML keys, since a flag is what the operator has to change.
 */
final class ListenerFlags {

    private ListenerFlags() {
    }

    static List<ListenerConfig> apply(ServeFlags flags, List<ListenerConfig> listeners) {
        if (!flags.touchesListener()) {
            return listeners;
        }
        if (listeners.size() != 1) {
            throw new UsageError("--transport, --listen, --tls-cert, --tls-key and --stealth describe one listener, "
                    + "but the config has " + listeners.size() + " [[listeners]]; change them in the config file");
        }
        ListenerConfig base = listeners.get(0);
        TransportKind transport = flags.transport != null ? flags.transport : base.transport();
        boolean keepFileTls = transport == TransportKind.TLS && base.transport() == TransportKind.TLS;
        Path cert = flags.tlsCert != null ? requireFile("--tls-cert", flags.tlsCert)
                : keepFileTls ? base.tls().map(TlsFiles::cert).orElse(null) : null;
        Path key = flags.tlsKey != null ? requireFile("--tls-key", flags.tlsKey)
                : keepFileTls ? base.tls().map(TlsFiles::key).orElse(null) : null;
        boolean stealth = flags.stealth != null ? flags.stealth : keepFileTls && base.stealth();

        if (transport != TransportKind.TLS && (cert != null || key != null)) {
            throw new UsageError("--tls-cert and --tls-key are incompatible with tcp transport; add --transport tls");
        }
        if (stealth && transport != TransportKind.TLS) {
            throw new UsageError("stealth mode requires TLS transport (--transport tls)");
        }
        if (transport == TransportKind.TLS && (cert == null || key == null)) {
            throw new UsageError("--transport tls needs a certificate: pass both --tls-cert and --tls-key");
        }
        return List.of(base.toBuilder()
                .transport(transport)
                .listen(flags.listen != null ? flags.listen : base.listen())
                .tls(cert == null ? null : new TlsFiles(cert, key))
                .stealth(stealth)
                .build());
    }

    private static Path requireFile(String flag, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageError(flag + ": " + file + ": no such readable file");
        }
        return file.toAbsolutePath();
    }
}
