package dev.alknet.core.config.internal;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OriginPolicy;
import dev.alknet.core.config.TlsFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Reads a listener from {@code [server]} or one {@code [[listeners]]} entry. */
final class ListenerSection {

    private static final String[] LISTENER_KEYS = {"transport", "listen", "stealth", "tls", "path",
        "allowed_origins"};

    private ListenerSection() {
    }

    /**
     * @param otherKeys keys the table may hold beyond the listener's own, read by the caller
     */
    static ListenerConfig read(TomlTable t, String... otherKeys) {
        t.reject("iroh", Unsupported.IROH);
        t.reject("iroh_relay", Unsupported.IROH);
        t.reject("acme_domain", Unsupported.ACME);
        t.allowOnly(Stream.concat(Arrays.stream(LISTENER_KEYS), Arrays.stream(otherKeys)).toArray(String[]::new));

        ListenerConfig.Builder builder = ListenerConfig.builder();
        t.string("transport").ifPresent(text -> builder.transport(transport(t, text)));
        t.string("listen").ifPresent(text -> builder.listen(t.build("listen", () -> HostPort.parse(text))));
        t.string("interface").ifPresent(text -> builder.interfaceKind(
                t.build("interface", () -> InterfaceKind.parse(text))));
        t.bool("stealth").ifPresent(builder::stealth);
        t.string("path").ifPresent(builder::path);
        t.strings("allowed_origins").ifPresent(list -> builder.origins(
                t.build("allowed_origins", () -> OriginPolicy.of(list))));
        t.table("tls").ifPresent(tls -> builder.tls(tls(tls)));
        ListenerConfig listener = t.build(builder::build);
        // Checked after the listener holds together, so a wrong combination is reported before missing files.
        listener.tls().ifPresent(tls -> {
            t.requireFile("tls.cert", tls.cert());
            t.requireFile("tls.key", tls.key());
        });
        return listener;
    }

    private static TransportKind transport(TomlTable t, String text) {
        try {
            return TransportKind.parse(text);
        } catch (IllegalArgumentException e) {
            throw t.error("transport", "unknown transport " + Printable.quote(text) + "; use tcp or tls");
        }
    }

    private static TlsFiles tls(TomlTable t) {
        t.reject("acme_domain", Unsupported.ACME);
        t.allowOnly("cert", "key");
        Path cert = t.path("cert").orElse(null);
        Path key = t.path("key").orElse(null);
        return t.build(() -> new TlsFiles(cert, key));
    }
}
