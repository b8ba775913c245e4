package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {

    @TempDir
    Path dir;

    private static void assumePosix() {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "the default file system has no POSIX permissions; permission checks skipped");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** A fixture copied to {@code host_key}, with mode 0600 where the file system has modes. */
    private Path ownerOnlyCopy(String fixture) throws IOException {
        Path file = dir.resolve("host_key");
        Files.write(file, Fixtures.bytes(fixture));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    @Test
    void generatesAnEd25519KeyWithItsPublicHalfWhenAbsent() throws IOException {
        Path file = dir.resolve("host_key");

        OpenSshKeyPair generated = HostKeys.loadOrGenerate(file);

        assertThat(generated.publicKey().type()).isEqualTo("ssh-ed25519");
        assertThat(OpenSshKeyPair.load(file).publicKey()).isEqualTo(generated.publicKey());
        assertThat(OpenSshPublicKey.parse(Files.readString(dir.resolve("host_key.pub"), StandardCharsets.UTF_8)))
                .isEqualTo(generated.publicKey());
        assertThat(HostKeys.loadOrGenerate(file).publicKey()).isEqualTo(generated.publicKey());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("host_key",
                    "host_key.pub");
        }
    }

    @Test
    void aNewKeyIsOwnerOnlyInOwnerOnlyDirectories() throws IOException {
        assumePosix();
        Path file = dir.resolve("etc/alknet/host_key");

        HostKeys.loadOrGenerate(file);

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("etc/alknet"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("etc"))).isEqualTo("rwx------");
    }

    @Test
    void loadsAnExistingOpenSshKey() throws IOException {
        Path file = ownerOnlyCopy("user.key");

        assertThat(HostKeys.loadOrGenerate(file).publicKey().fingerprint()).isEqualTo(Fixtures.USER_FINGERPRINT);
        assertThat(dir.resolve("host_key.pub")).doesNotExist();
    }

    @Test
    void refusesAPrivateKeyOthersCanRead() throws IOException {
        assumePosix();
        Path file = dir.resolve("host_key");
        Files.write(file, Fixtures.bytes("user.key"));
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw-----w-")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

            assertThatThrownBy(() -> HostKeys.loadOrGenerate(file))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("UNPROTECTED PRIVATE KEY FILE")
                    .hasMessageContaining(mode)
                    .hasMessageContaining("chmod 600 " + file);
        }
    }

    @Test
    void refusesAFileThatIsNotAnOpenSshPrivateKey() throws IOException {
        Path file = ownerOnlyCopy("user.pub");

        assertThatThrownBy(() -> HostKeys.loadOrGenerate(file))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("this is a public key");
    }

    @Test
    void concurrentStartsAgreeOnOneKey() throws Exception {
        Path file = dir.resolve("keys/host_key");
        int starts = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(starts);
        try {
            List<Future<OpenSshPublicKey>> results = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return HostKeys.loadOrGenerate(file).publicKey();
                }));
            }
            go.countDown();
            Set<OpenSshPublicKey> keys = new HashSet<>();
            for (Future<OpenSshPublicKey> result : results) {
                keys.add(result.get());
            }

            assertThat(keys).singleElement().isEqualTo(OpenSshKeyPair.load(file).publicKey());
            assertThat(OpenSshPublicKey.parse(Files.readString(dir.resolve("keys/host_key.pub"))))
                    .isEqualTo(keys.iterator().next());
            try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("host_key",
                        "host_key.pub");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
