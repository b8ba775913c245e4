package dev.alknet.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A TLS certificate, key or CA file that cannot be used. The message names the file and says what is wrong
 * with it; it never contains key material.
 */
public final class TlsFileException extends IOException {

    private final transient Path file;

    public TlsFileException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file") + ": " + problem);
        this.file = file;
    }

    public TlsFileException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
