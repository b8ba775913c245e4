package dev.alknet.core.config.internal;

import dev.alknet.core.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the files a config consists of or names. */
public final class ConfigFiles {

    /** Far above any real config or authorized_keys file; stops a wrong path from filling the heap. */
    private static final long MAX_SIZE = 16L * 1024 * 1024;

    private ConfigFiles() {
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @throws ConfigException with the file as source when it is missing, not a regular file, too large,
     *     unreadable or not UTF-8
     */
    public static String read(Path file) {
        requireFile(file);
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new ConfigException(file.toString(), 0, "", "file is larger than " + MAX_SIZE + " bytes",
                        null);
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), 0, "", "file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read file: " + e, e);
        }
    }

    /**
     * Checks that {@code file} is a readable regular file, without reading it (used for key and certificate
     * files, which the transport reads when it binds).
     *
     * @throws ConfigException with the file as source
     */
    public static void requireFile(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException(file.toString(), 0, "", "file not found", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), 0, "", "not a regular file", null);
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(file.toString(), 0, "", "file is not readable", null);
        }
    }
}
