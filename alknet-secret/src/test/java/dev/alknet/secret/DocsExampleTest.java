package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The example at the top of docs/secret.md, so it keeps compiling and doing what it says. */
class DocsExampleTest {

    @Test
    void example() {
        try (SecretService secrets = new SecretService()) {
            String mnemonic = Bip39.generate(24, new SecureRandom());
            secrets.unlock(mnemonic, "");

            SshEd25519PublicKey host = secrets.sshPublicKey(AlknetPaths.SSH_HOST_KEY);
            assertThat(host.line("node-1")).startsWith("ssh-ed25519 AAAA").endsWith(" node-1");
            assertThat(host.fingerprint()).startsWith("SHA256:");

            EncryptedData token = secrets.encryptString("ghp_example", Encryption.CURRENT_KEY_VERSION);
            String stored = token.toJson();
            assertThat(stored).startsWith("{\"key_version\":1,\"salt\":\"");
            assertThat(secrets.decryptString(EncryptedData.fromJson(stored))).isEqualTo("ghp_example");
            EncryptedData rotated = secrets.reencrypt(token, 2);
            assertThat(secrets.decryptString(rotated)).isEqualTo("ghp_example");

            char[] password = secrets.derivePassword("github.com", 24, SitePassword.DEFAULT_ALPHABET);
            assertThat(password).hasSize(24);
            assertThat(secrets.isLocked()).isFalse();
            secrets.lock();
            assertThat(secrets.isLocked()).isTrue();
        }
    }
}
