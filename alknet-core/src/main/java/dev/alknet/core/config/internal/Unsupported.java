package dev.alknet.core.config.internal;

/** Messages for options the original design has and alknet-java deliberately does not (yet) offer. */
public final class Unsupported {

    public static final String IROH = "iroh transport is not supported by alknet-java; use tls";

    public static final String ACME =
            "ACME certificates are not supported by alknet-java; obtain a certificate (e.g. with certbot) "
                    + "and set tls.cert and tls.key";

    private Unsupported() {
    }
}
