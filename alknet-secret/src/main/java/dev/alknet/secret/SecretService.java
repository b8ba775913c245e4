package dev.alknet.secret;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.CachedKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The only holder of the master seed (alknet-spec.md §2.13). Locked: nothing in memory, and every call except
 * {@code unlock} fails with {@link SecretError#LOCKED}. Unlocked: the seed in RAM, derived keys cached for a
 * time-to-live (default one hour). {@link #lock()} zeroes the seed and every cached key. Thread-safe: lock and
 * unlock wait for calls in progress. Nothing here logs, and no {@code toString} shows key material.
 */
public final class SecretService implements AutoCloseable {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private record CacheKey(Curve curve, DerivationPath path) {}

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Cache<CacheKey, CachedKey<ExtendedKey>> cache;
    private byte[] seed;

    /** A locked service with the default key cache TTL. */
    public SecretService() {
        this(DEFAULT_TTL);
    }

    /** A locked service whose derived keys stay cached for {@code ttl}. */
    public SecretService(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    /** {@code nanoTime} is the cache's clock, so tests can move time. */
    SecretService(Duration ttl, LongSupplier nanoTime) {
        if (ttl.isNegative()) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "the cache TTL cannot be negative");
        }
        // Removal runs on the calling thread, so an evicted or invalidated key is zeroed before the call returns.
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(10_000)
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run)
                .<CacheKey, CachedKey<ExtendedKey>>removalListener((key, value, cause) -> {
                    if (value != null) {
                        value.destroy();
                    }
                })
                .build();
    }

    /**
     * Validates the mnemonic and keeps its BIP39 seed. Unlocking an unlocked service first locks it, so the old
     * seed and its keys are gone.
     */
    public void unlock(String mnemonic, String passphrase) {
        byte[] newSeed = Bip39.seed(mnemonic, passphrase);
        unlockWithSeed(newSeed);
        Bytes.zero(newSeed);
    }

    /** Unlocks with a seed opened from a {@link SealedSeed} file. */
    public void unlockSealed(Path file, char[] passphrase) throws IOException {
        byte[] newSeed = SealedSeed.read(file, passphrase);
        unlockWithSeed(newSeed);
        Bytes.zero(newSeed);
    }

    /** Unlocks with a 16- to 64-byte seed (copied). */
    public void unlockWithSeed(byte[] newSeed) {
        if (newSeed.length < 16 || newSeed.length > 64) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "a seed is 16 to 64 bytes, not " + newSeed.length);
        }
        Lock write = lock.writeLock();
        write.lock();
        try {
            purge();
            seed = newSeed.clone();
        } finally {
            write.unlock();
        }
    }

    /** Zeroes the seed and every cached key. Locking a locked service does nothing. */
    public void lock() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            purge();
        } finally {
            write.unlock();
        }
    }

    public boolean isLocked() {
        Lock read = lock.readLock();
        read.lock();
        try {
            return seed == null;
        } finally {
            read.unlock();
        }
    }

    /** The Ed25519 keypair at {@code path} (hardened only, as SLIP-0010 requires). */
    public DerivedKey deriveEd25519(DerivationPath path) {
        return withKey(Curve.ED25519, path, key -> {
            byte[] pub = key.publicKey();
            return new DerivedKey(KeyType.ED25519, path, key.privateKey(), Arrays.copyOfRange(pub, 1, 33));
        });
    }

    /** The AES-256-GCM key at {@code path}: the 32-byte ed25519 SLIP-0010 private key at that path. */
    public DerivedKey deriveEncryptionKey(DerivationPath path) {
        return withKey(Curve.ED25519, path, key -> new DerivedKey(KeyType.AES256_GCM, path, key.privateKey(),
                new byte[0]));
    }

    /** The secp256k1 (BIP-0032) keypair at {@code path}, e.g. {@link AlknetPaths#ETHEREUM}. */
    public DerivedKey deriveEthereumKey(DerivationPath path) {
        return withKey(Curve.SECP256K1, path,
                key -> new DerivedKey(KeyType.SECP256K1, path, key.privateKey(), key.publicKey()));
    }

    /** The OpenSSH public key at an ed25519 path ({@link AlknetPaths#IDENTITY}, {@link AlknetPaths#SSH_HOST_KEY}). */
    public SshEd25519PublicKey sshPublicKey(DerivationPath path) {
        return withKey(Curve.ED25519, path, SshEd25519PublicKey::of);
    }

    /** The EIP-55 address of the secp256k1 key at {@code path}. */
    public String ethereumAddress(DerivationPath path) {
        return withKey(Curve.SECP256K1, path, EthereumAddress::of);
    }

    /** The password for {@code site} (see {@link SitePassword} and {@link AlknetPaths#siteIndex(String)}). */
    public char[] derivePassword(String site, int length, String alphabet) {
        return derivePassword(AlknetPaths.password(site), length, alphabet);
    }

    /** The password from the ed25519 key at {@code path}, as the spec's {@code DerivePassword{path, length}}. */
    public char[] derivePassword(DerivationPath path, int length, String alphabet) {
        return withKey(Curve.ED25519, path, key -> {
            byte[] material = key.privateKey();
            try {
                return SitePassword.derive(material, length, alphabet);
            } finally {
                Bytes.zero(material);
            }
        });
    }

    /** Seals {@code plaintext} with the encryption key of {@code keyVersion} ({@link AlknetPaths#encryptionKey}). */
    public EncryptedData encrypt(byte[] plaintext, int keyVersion) {
        return withEncryptionKey(keyVersion, key -> Encryption.encrypt(key, keyVersion, plaintext));
    }

    public EncryptedData encryptString(String plaintext, int keyVersion) {
        return withEncryptionKey(keyVersion, key -> Encryption.encryptString(key, keyVersion, plaintext));
    }

    /** Opens {@code encrypted} with the key of its own {@code key_version}. */
    public byte[] decrypt(EncryptedData encrypted) {
        return withEncryptionKey(encrypted.keyVersion(), key -> Encryption.decrypt(key, encrypted));
    }

    public String decryptString(EncryptedData encrypted) {
        return withEncryptionKey(encrypted.keyVersion(), key -> Encryption.decryptString(key, encrypted));
    }

    /** Rotation: decrypts with the data's version and seals the plaintext again under {@code newVersion}. */
    public EncryptedData reencrypt(EncryptedData encrypted, int newVersion) {
        byte[] plaintext = decrypt(encrypted);
        try {
            return encrypt(plaintext, newVersion);
        } finally {
            Bytes.zero(plaintext);
        }
    }

    @Override
    public void close() {
        lock();
    }

    @Override
    public String toString() {
        return isLocked() ? "SecretService[locked]" : "SecretService[unlocked]";
    }

    /** How many derived keys are cached now (after pending expiry has run). */
    long cachedKeys() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private <T> T withEncryptionKey(int keyVersion, Function<byte[], T> action) {
        DerivationPath path = AlknetPaths.encryptionKey(keyVersion);
        return withKey(Curve.ED25519, path, key -> {
            byte[] material = key.privateKey();
            try {
                return action.apply(material);
            } finally {
                Bytes.zero(material);
            }
        });
    }

    private <T> T withKey(Curve curve, DerivationPath path, Function<ExtendedKey, T> action) {
        Objects.requireNonNull(path, "path");
        Lock read = lock.readLock();
        read.lock();
        try {
            if (seed == null) {
                throw new SecretException(SecretError.LOCKED, "the secret service is locked: unlock it first");
            }
            CachedKey<ExtendedKey> cached = cache.get(new CacheKey(curve, path),
                    k -> new CachedKey<>(Slip10.derive(curve, seed, path), ExtendedKey::destroy));
            T result = cached.use(action);
            if (result != null) {
                return result;
            }
            // Expired and zeroed between lookup and use (a TTL shorter than one call): derive without the cache.
            ExtendedKey fresh = Slip10.derive(curve, seed, path);
            try {
                return action.apply(fresh);
            } finally {
                fresh.destroy();
            }
        } finally {
            read.unlock();
        }
    }

    private void purge() {
        cache.invalidateAll();
        cache.cleanUp();
        Bytes.zero(seed);
        seed = null;
    }
}
