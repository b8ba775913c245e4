/**
 * Authentication for alknet: OpenSSH keys ({@link dev.alknet.auth.OpenSshPublicKey},
 * {@link dev.alknet.auth.OpenSshKeyPair}), authorized_keys with OpenSSH semantics
 * ({@link dev.alknet.auth.AuthorizedKeys}), user certificates ({@link dev.alknet.auth.SshCertificate}) and the
 * decision whether a presented key may log in ({@link dev.alknet.auth.KeyAuthenticator}); the identity provider of
 * config-based auth ({@link dev.alknet.auth.ConfigIdentityProvider}); the SSH host key
 * ({@link dev.alknet.auth.HostKeys}); signed-timestamp tokens
 * for non-SSH transports ({@link dev.alknet.auth.TokenSigner}, {@link dev.alknet.auth.TokenVerifier}); per-IP and
 * per-connection limits ({@link dev.alknet.auth.ConnectionLimiter}, {@link dev.alknet.auth.AuthAttemptCounter});
 * and the fail2ban-friendly log lines ({@link dev.alknet.auth.AuthLog}).
 *
 * <p>Parsing is delegated to Apache MINA SSHD's decoders; this package adds what MINA leaves out: canonical
 * encodings, key-type policy, option validation, CA signature verification, certificate validity, principals and
 * critical options. Ed25519 signing and verification use BouncyCastle.
 */
package dev.alknet.auth;
