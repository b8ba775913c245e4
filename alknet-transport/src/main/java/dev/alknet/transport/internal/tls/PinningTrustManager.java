package dev.alknet.transport.internal.tls;

import dev.alknet.transport.CertificatePin;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server whose leaf certificate matches a pin, and nothing else. Extends the "extended" trust manager
 * so the JDK does not add its own host name check around it: the pin already names the exact certificate.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

    private final Set<CertificatePin> pins;

    public PinningTrustManager(Set<CertificatePin> pins) {
        this.pins = Set.copyOf(pins);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        CertificatePin actual = CertificatePin.of(chain[0]);
        if (!pins.contains(actual)) {
            // The server's own pin is public information and is what an operator needs to fix the setting.
            throw new CertificateException("the server certificate " + actual
                    + " matches none of the pinned certificates");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
