package dev.alknet.host;

import dev.alknet.core.config.AlknetConfig;
import dev.alknet.core.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The config {@code alknet serve} runs with when no {@code --config} is given: {@value #RESOURCE} in the jar. */
final class EmbeddedConfig {

    static final String RESOURCE = "alknet-default.toml";

    private EmbeddedConfig() {
    }

    /** @param dataDir what relative paths in the embedded file resolve against */
    static AlknetConfig load(Path dataDir) {
        return ConfigLoader.parse(text(), dataDir);
    }

    static String text() {
        try (InputStream in = EmbeddedConfig.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the alknet jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the alknet jar", e);
        }
    }
}
