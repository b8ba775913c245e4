package dev.alknet.transport.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Wraps the JDK's CA trust manager so a refused server says why in words an operator can act on: the chain is
 * not from a trusted CA, or the certificate is fine but for another name. The JDK's own messages ("PKIX path
 * building failed") name neither the trust source nor the fix.
 */
public final class ExplainingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String trustSource;

    public ExplainingTrustManager(X509ExtendedTrustManager delegate, String trustSource) {
        this.delegate = delegate;
        this.trustSource = trustSource;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explain(chain, authType, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explain(chain, authType, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw untrusted(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** Re-checks the chain alone (no host name) to tell the two failures apart; only runs on failure. */
    private CertificateException explain(X509Certificate[] chain, String authType, CertificateException failure) {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException chainFailure) {
            return untrusted(chainFailure);
        }
        return new CertificateException("the server certificate is valid but not for the name connected to ("
                + failure.getMessage() + "); connect by a name the certificate lists or set the TLS server "
                + "name (--tls-server-name)", failure);
    }

    private CertificateException untrusted(CertificateException failure) {
        return new CertificateException("the server certificate is not trusted by " + trustSource + " ("
                + failure.getMessage() + "); give the CA that issued it, or pin the certificate", failure);
    }
}
