package dev.alknet.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Where alknet keeps its keys: {@code --data-dir}, else {@code $ALKNET_HOME}, else {@code ~/.alknet}. */
final class DataDir {

    static final String ENV = "ALKNET_HOME";
    static final String HOST_KEY = "ssh_host_ed25519_key";
    static final String AUTHORIZED_KEYS = "authorized_keys";
    static final String IDENTITY = "id_ed25519";
    static final String KNOWN_HOSTS = "known_hosts";

    private DataDir() {
    }

    /** @param flag the {@code --data-dir} value, {@code null} when not given */
    static Path resolve(Path flag, Map<String, String> env) {
        if (flag != null) {
            return flag.toAbsolutePath();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".alknet");
    }

    /** Creates the directory (owner-only, like ~/.ssh) if it does not exist yet. */
    static void create(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
