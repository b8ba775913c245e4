package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretServiceTest {
    static final String MNEMONIC = AlknetPathsTest.ABANDON;

    @Test
    void lockedServiceRefusesEverythingButUnlock() {
        SecretService service = new SecretService();
        assertThat(service.isLocked()).isTrue();
        List<Runnable> calls = List.of(
                () -> service.deriveEd25519(AlknetPaths.IDENTITY),
                () -> service.deriveEncryptionKey(AlknetPaths.ENCRYPTION_KEY),
                () -> service.deriveEthereumKey(AlknetPaths.ETHEREUM),
                () -> service.sshPublicKey(AlknetPaths.SSH_HOST_KEY),
                () -> service.derivePassword("github.com", 20, SitePassword.DEFAULT_ALPHABET),
                () -> service.encryptString("x", 1),
                () -> service.decrypt(Encryption.encryptString(new byte[32], 1, "x")));
        for (Runnable call : calls) {
            EncryptionTest.expectFailure(call::run, SecretError.LOCKED);
        }
        assertThat(service).hasToString("SecretService[locked]");
    }

    @Test
    void derivesTheSameKeysAsTheBuildingBlocks() {
        try (SecretService service = new SecretService()) {
            service.unlock(MNEMONIC, "");
            byte[] seed = Bip39.seed(MNEMONIC, "");

            DerivedKey identity = service.deriveEd25519(AlknetPaths.IDENTITY);
            ExtendedKey expected = Slip10.derive(Curve.ED25519, seed, AlknetPaths.IDENTITY);
            assertThat(identity.keyType()).isEqualTo(KeyType.ED25519);
            assertThat(identity.privateKey()).isEqualTo(expected.privateKey());
            assertThat(identity.publicKey()).hasSize(32);
            assertThat(service.sshPublicKey(AlknetPaths.IDENTITY).key()).isEqualTo(identity.publicKey());
            assertThat(identity.toString()).contains("redacted").doesNotContain(Vectors.hex(identity.privateKey()));
            assertThat(service).hasToString("SecretService[unlocked]");

            assertThat(service.ethereumAddress(AlknetPaths.ETHEREUM))
                    .isEqualTo("0x9858EfFD232B4033E47d90003D41EC34EcaEda94");
            assertThat(service.deriveEthereumKey(AlknetPaths.ETHEREUM).publicKey()).hasSize(33);
            assertThat(service.deriveEncryptionKey(AlknetPaths.ENCRYPTION_KEY).publicKey()).isEmpty();

            char[] password = service.derivePassword("GitHub.com", 24, SitePassword.DEFAULT_ALPHABET);
            assertThat(password).isEqualTo(SitePassword.derive(
                    Slip10.derive(Curve.ED25519, seed, AlknetPaths.password("github.com")).privateKey(), 24,
                    SitePassword.DEFAULT_ALPHABET));
        }
    }

    @Test
    void encryptDecryptAndRotate() {
        try (SecretService service = new SecretService()) {
            service.unlock(MNEMONIC, "TREZOR");
            EncryptedData v1 = service.encryptString("oauth-token", 1);
            assertThat(service.decryptString(v1)).isEqualTo("oauth-token");

            EncryptedData v2 = service.reencrypt(v1, 2);
            assertThat(v2.keyVersion()).isEqualTo(2);
            assertThat(service.decryptString(v2)).isEqualTo("oauth-token");
            // The key of version 2 is another key, so relabelling v1 as v2 cannot decrypt.
            EncryptedData relabelled = EncryptedData.of(2, v1.salt(), v1.iv(), v1.data());
            EncryptionTest.expectFailure(() -> service.decrypt(relabelled), SecretError.DECRYPTION_FAILED);

            service.unlock(MNEMONIC, "other passphrase");
            EncryptionTest.expectFailure(() -> service.decrypt(v1), SecretError.DECRYPTION_FAILED);
        }
    }

    @Test
    void lockZeroesCachedKeysAndTtlExpiresThem() {
        AtomicLong nanos = new AtomicLong();
        SecretService service = new SecretService(Duration.ofMinutes(10), nanos::get);
        service.unlock(MNEMONIC, "");
        DerivedKey first = service.deriveEd25519(AlknetPaths.IDENTITY);
        service.deriveEd25519(AlknetPaths.SSH_HOST_KEY);
        assertThat(service.cachedKeys()).isEqualTo(2);

        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(service.cachedKeys()).isZero();
        assertThat(service.deriveEd25519(AlknetPaths.IDENTITY).privateKey()).isEqualTo(first.privateKey());
        assertThat(service.cachedKeys()).isEqualTo(1);

        service.lock();
        assertThat(service.cachedKeys()).isZero();
        assertThat(service.isLocked()).isTrue();
        EncryptionTest.expectFailure(() -> service.deriveEd25519(AlknetPaths.IDENTITY), SecretError.LOCKED);
    }

    @Test
    void badPathsAndMnemonicsAreNamed() {
        try (SecretService service = new SecretService()) {
            EncryptionTest.expectFailure(() -> service.unlock("abandon about", ""), SecretError.INVALID_MNEMONIC);
            assertThat(service.isLocked()).isTrue();
            service.unlock(MNEMONIC, "");
            EncryptionTest.expectFailure(() -> service.deriveEd25519(AlknetPaths.ETHEREUM), SecretError.INVALID_PATH);
        }
    }

    @Test
    void unlocksFromASealedSeedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed");
        SealedSeed.write(file, Bip39.seed(MNEMONIC, "TREZOR"), SealedSeedTest.PASSPHRASE, SealedSeedTest.CHEAP);
        try (SecretService fromFile = new SecretService(); SecretService fromWords = new SecretService()) {
            fromFile.unlockSealed(file, SealedSeedTest.PASSPHRASE);
            fromWords.unlock(MNEMONIC, "TREZOR");
            assertThat(fromFile.sshPublicKey(AlknetPaths.SSH_HOST_KEY))
                    .isEqualTo(fromWords.sshPublicKey(AlknetPaths.SSH_HOST_KEY));
        }
    }

    @Test
    void concurrentUseWithLockAndUnlockNeverYieldsWrongKeys() throws Exception {
        SecretService service = new SecretService(Duration.ofNanos(1));
        service.unlock(MNEMONIC, "");
        byte[] expected = service.deriveEd25519(AlknetPaths.IDENTITY).privateKey();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                workers.add(pool.submit(() -> {
                    int good = 0;
                    for (int i = 0; i < 300; i++) {
                        try {
                            assertThat(service.deriveEd25519(AlknetPaths.IDENTITY).privateKey()).isEqualTo(expected);
                            good++;
                        } catch (SecretException e) {
                            assertThat(e.error()).isEqualTo(SecretError.LOCKED);
                        }
                    }
                    return good;
                }));
            }
            pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    service.lock();
                    service.unlock(MNEMONIC, "");
                }
            }).get(60, TimeUnit.SECONDS);
            int good = 0;
            for (Future<Integer> worker : workers) {
                good += worker.get(60, TimeUnit.SECONDS);
            }
            assertThat(good).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }
}
