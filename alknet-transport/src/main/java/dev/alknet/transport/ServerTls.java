package dev.alknet.transport;

import dev.alknet.core.config.TlsFiles;
import dev.alknet.transport.internal.tls.PemFile;
import dev.alknet.transport.internal.tls.PrivateKeys;
import dev.alknet.transport.internal.tls.TlsDefaults;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the TLS transport: a Netty {@link SslContext} from PEM files, and the SNI name a client
 * asked for. TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites, the JDK provider.
 */
public final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /**
     * Reads the certificate chain (leaf first, then intermediates) and its private key (PKCS#8, PKCS#1 RSA or
     * SEC1 EC, unencrypted) and builds a server context. An expired or not yet valid leaf certificate is
     * logged as a warning, not refused: clients that pin it or run insecure still connect.
     *
     * @throws TlsFileException naming the file that is missing, unreadable, not PEM, or holds a key that does
     *     not belong to the certificate
     */
    public static SslContext newContext(TlsFiles files) throws TlsFileException {
        List<X509Certificate> chain = PemFile.read(files.cert(), "a PEM certificate chain").certificates();
        PrivateKey key = PrivateKeys.read(PemFile.read(files.key(), "a PEM private key"));
        X509Certificate leaf = chain.get(0);
        if (!PrivateKeys.matches(key, leaf.getPublicKey())) {
            throw new TlsFileException(files.key(), "this key does not belong to the first certificate in "
                    + files.cert() + " (the certificate must come first, then its intermediates)");
        }
        Date now = new Date();
        if (now.after(leaf.getNotAfter())) {
            LOG.warn("TLS certificate {} expired on {}; clients that verify it will refuse to connect",
                    files.cert(), leaf.getNotAfter().toInstant());
        } else if (now.before(leaf.getNotBefore())) {
            LOG.warn("TLS certificate {} is not valid before {}; clients that verify it will refuse to connect",
                    files.cert(), leaf.getNotBefore().toInstant());
        }
        try {
            return TlsDefaults.apply(SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)))
                    .build();
        } catch (SSLException e) {
            throw new TlsFileException(files.cert(), "the JDK cannot serve this certificate and key", e);
        }
    }

    /**
     * The server name the client sent in its TLS handshake (SNI), once the handshake has completed. Empty
     * when the channel has no {@link SslHandler}, the handshake is not done, or the client sent no name (as
     * clients do when they connect to an IP address).
     */
    public static Optional<String> requestedServerName(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        SSLSession session = ssl.engine().getSession();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return Optional.of(host.getAsciiName());
                }
            }
        }
        return Optional.empty();
    }
}
