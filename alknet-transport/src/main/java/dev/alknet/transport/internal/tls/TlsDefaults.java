package dev.alknet.transport.internal.tls;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.util.List;

/** The protocol versions and cipher suites both ends use: TLS 1.2 and 1.3, forward secrecy and AEAD only. */
public final class TlsDefaults {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3 suites first; the TLS 1.2 ones are ECDHE with AES-GCM or ChaCha20-Poly1305 (Mozilla "intermediate"). */
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsDefaults() {
    }

    /** Applies the JDK provider, the protocols and the ciphers (the JDK's unsupported ones are filtered out). */
    public static SslContextBuilder apply(SslContextBuilder builder) {
        return builder.sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
    }
}
