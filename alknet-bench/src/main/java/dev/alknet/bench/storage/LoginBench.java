package dev.alknet.bench.storage;

import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.LoginResult;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.ProviderLogins;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.TokenSettings;
import dev.alknet.storage.AccessLevel;
import dev.alknet.storage.Account;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.Grant;
import dev.alknet.storage.StorageIdentityProvider;
import dev.alknet.storage.StorageService;
import java.io.IOException;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SSH login decision for one stored key and one certificate of a stored CA (SQLite, identity cache warm), through
 * {@code ProviderLogins} over storage, against {@code ConfigIdentityProvider} deciding the same key and CA from the
 * config in the same run. The certificate path is dominated by the CA signature check, which both share. Targets:
 * storage ≥ 0.8x config for certificates, ≥ 0.5x for plain keys (a map lookup for config; a few cache lookups more
 * for storage).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoginBench {

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private BenchDatabase database;
    private StorageService storage;
    private ProviderLogins fromStorage;
    private ConfigIdentityProvider fromConfig;
    private PublicKey key;
    private PublicKey certificate;

    @Setup
    public void setUp() throws Exception {
        OpenSshKeyPair user = OpenSshKeyPair.generateEd25519("user");
        OpenSshKeyPair ca = OpenSshKeyPair.generateEd25519("ca");
        OpenSshKeyPair certified = OpenSshKeyPair.generateEd25519("certified");
        database = BenchDatabase.sqlite();
        storage = StorageService.open(database.config());
        Account account = storage.identities().createAccount("bench@example.org", null, AccessLevel.USER,
                Grant.of("relay:connect"));
        storage.identities().addPeerCredential(account.id(), CredentialType.SSH_KEY, user.publicKey().toLine(), null,
                null);
        storage.identities().addPeerCredential(account.id(), CredentialType.CERT_AUTHORITY, ca.publicKey().toLine(),
                null, null);
        StorageIdentityProvider provider = storage.identityProvider();
        fromStorage = new ProviderLogins(provider, provider);
        fromConfig = new ConfigIdentityProvider(new ConfigReloadHandle(DynamicConfig.defaults().withAuth(
                new AuthConfig(List.of(entry(user.publicKey().toLine()),
                        entry("cert-authority " + ca.publicKey().toLine())), List.of(), TokenSettings.defaults()))));
        key = user.publicKey().publicKey();
        certificate = OpenSshCertificateBuilder.userCertificate().publicKey(certified.publicKey().publicKey())
                .id("bench").principals(List.of("bench")).validAfter(Instant.now().minusSeconds(3600))
                .validBefore(Instant.now().plusSeconds(86_400)).sign(ca.toKeyPair());
        for (LoginResult result : new LoginResult[] {storageKey(), storageCertificate(), configKey(),
                configCertificate()}) {
            if (!(result instanceof LoginResult.Accepted)) {
                throw new IllegalStateException("the benchmark's logins must be accepted: " + result);
            }
        }
    }

    private static KeyEntry entry(String line) {
        return new KeyEntry(line, List.of("relay:connect"), Map.of(), "bench");
    }

    @TearDown
    public void close() throws IOException {
        storage.close();
        database.close();
    }

    @Benchmark
    public LoginResult storageKey() {
        return fromStorage.authenticate("bench", key, CLIENT);
    }

    @Benchmark
    public LoginResult configKey() {
        return fromConfig.authenticate("bench", key, CLIENT);
    }

    @Benchmark
    public LoginResult storageCertificate() {
        return fromStorage.authenticate("bench", certificate, CLIENT);
    }

    @Benchmark
    public LoginResult configCertificate() {
        return fromConfig.authenticate("bench", certificate, CLIENT);
    }
}
