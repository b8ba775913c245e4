package dev.alknet.auth;

import java.net.InetAddress;
import java.security.PublicKey;

/**
 * Decides SSH public key logins for a server: whether a presented key or OpenSSH user certificate may log in, and
 * as whom. {@link ConfigIdentityProvider} decides from the config's authorized keys; {@link ProviderLogins} from
 * any {@code IdentityProvider} plus its {@code CertificateAuthorities} (e.g. the storage identity tables). Both run
 * every check through {@link KeyAuthenticator}, so they differ only in where keys and grants come from.
 *
 * <p>Implementations must be thread-safe; a change to the keys applies to the next attempt.
 */
public interface LoginAuthority {

    /**
     * Checks a key or certificate as MINA presents it to a server's public key authenticator. Proving possession of
     * the private key is the SSH layer's job.
     *
     * @param user the SSH user name, matched against certificate principals (ignored for plain keys)
     * @param clientIp the client's address, {@code null} when the transport has none
     */
    LoginResult authenticate(String user, PublicKey presented, InetAddress clientIp);
}
