package dev.alknet.core.config.internal;

import dev.alknet.core.config.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The document being read: its name, where its relative paths start, and the line of every key, so that any
 * error can name file, line and key path.
 *
 * @param name the file name for messages, {@code null} for text that came from no file
 * @param baseDir what relative paths in the document resolve against
 */
public record TomlSource(String name, Path baseDir, KeyLines lines) {

    public ConfigException error(KeyPath path, String reason) {
        return error(path, reason, null);
    }

    public ConfigException error(KeyPath path, String reason, Throwable cause) {
        return new ConfigException(name, lines.lineOf(path), path.text(), reason, cause);
    }

    /**
     * Places an error thrown by a value type (key path relative to {@code base}, no file) or by a file the
     * config names (its own file and line, kept in the reason) at its key in this document.
     */
    public ConfigException relocate(KeyPath base, ConfigException e) {
        KeyPath path = base.resolve(e.keyPath());
        String reason = e.reason();
        if (e.source() != null) {
            String line = e.line().isPresent() ? ":" + e.line().getAsInt() : "";
            reason = e.source() + line + ": " + reason;
        }
        return error(path, reason, e);
    }

    /** Resolves a path written in the document against {@link #baseDir()}. */
    public Path path(KeyPath at, String text) {
        try {
            if (text.isEmpty()) {
                throw error(at, "path must not be empty");
            }
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw error(at, "invalid path " + Printable.quote(text) + ": " + e.getReason());
        }
    }

    /** Where a key was written, for diagnostics of later stages: {@code alknet.toml:12 (auth.keys[0])}. */
    public String origin(KeyPath path) {
        int line = lines.lineOf(path);
        String where = name == null ? "line " + line : name + ":" + line;
        return where + " (" + path + ")";
    }
}
