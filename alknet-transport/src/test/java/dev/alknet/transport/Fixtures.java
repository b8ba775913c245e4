package dev.alknet.transport;

import dev.alknet.core.config.TlsFiles;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The PEM files made by {@code src/test/resources/dev/alknet/transport/tls/regenerate.sh}. */
final class Fixtures {

    private Fixtures() {
    }

    static Path tls(String name) {
        URL url = Fixtures.class.getResource("tls/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture tls/" + name + "; run regenerate.sh");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA server certificate for localhost and 127.0.0.1 with its PKCS#8 key. */
    static TlsFiles server() {
        return new TlsFiles(tls("server.cert.pem"), tls("server.key.pem"));
    }

    /** A certificate for tunnel.example only, same key as {@link #server()}. */
    static TlsFiles otherName() {
        return new TlsFiles(tls("other-name.cert.pem"), tls("server.key.pem"));
    }
}
