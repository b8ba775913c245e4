package dev.alknet.transport;

import dev.alknet.transport.internal.tls.ExplainingTrustManager;
import dev.alknet.transport.internal.tls.PemFile;
import dev.alknet.transport.internal.tls.PinningTrustManager;
import dev.alknet.transport.internal.tls.TlsDefaults;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the TLS transport, built once from {@link TlsClientSettings} and reused for every
 * connection: {@link #newHandler} gives the {@link SslHandler} for one connection.
 */
public final class ClientTls {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTls.class);

    private final TlsClientSettings settings;
    private final SslContext context;

    private ClientTls(TlsClientSettings settings, SslContext context) {
        this.settings = settings;
        this.context = context;
    }

    /**
     * Loads the trust material. Insecure settings log one warning here.
     *
     * @throws TlsFileException when the CA file is missing, unreadable or holds no certificate
     */
    public static ClientTls create(TlsClientSettings settings) throws TlsFileException {
        Objects.requireNonNull(settings, "settings");
        TrustManager trust = switch (settings.trust()) {
            case SYSTEM -> explaining(null, "the system trust store");
            case CA_FILE -> caFile(settings.caFile().orElseThrow());
            case PINNED -> new PinningTrustManager(settings.pins());
            case INSECURE -> InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0];
        };
        if (settings.trust() == TlsClientSettings.Trust.INSECURE) {
            LOG.warn("TLS certificate verification is off (insecure): traffic is encrypted but anyone on the "
                    + "path can impersonate the server; use a CA file or a pin instead");
        }
        try {
            SslContext context = TlsDefaults.apply(SslContextBuilder.forClient())
                    .trustManager(trust)
                    .endpointIdentificationAlgorithm(verifiesHostname(settings) ? "HTTPS" : null)
                    .build();
            return new ClientTls(settings, context);
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK cannot create a TLS client context", e);
        }
    }

    public TlsClientSettings settings() {
        return settings;
    }

    /**
     * A handler for one connection to {@code host:port}. The name sent as SNI and checked against the
     * certificate is the configured server name, else {@code host}; IP addresses are never sent as SNI.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        String name = settings.serverName().orElse(host);
        SslHandler handler = context.newHandler(alloc, name, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)
                ? List.of() : List.of(new SNIHostName(name)));
        parameters.setEndpointIdentificationAlgorithm(verifiesHostname(settings) ? "HTTPS" : null);
        engine.setSSLParameters(parameters);
        return handler;
    }

    private static boolean verifiesHostname(TlsClientSettings settings) {
        return settings.hostnameVerification() && (settings.trust() == TlsClientSettings.Trust.SYSTEM
                || settings.trust() == TlsClientSettings.Trust.CA_FILE);
    }

    private static TrustManager caFile(Path file) throws TlsFileException {
        List<X509Certificate> cas = PemFile.read(file, "PEM CA certificates").certificates();
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return explaining(store, "the CA file " + file);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsFileException(file, "cannot build a trust store from these certificates", e);
        }
    }

    /** @param store the CAs, {@code null} for the JDK's default trust store */
    private static TrustManager explaining(KeyStore store, String source) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new ExplainingTrustManager(x509, source);
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot load " + source, e);
        }
    }
}
