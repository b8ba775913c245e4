package dev.alknet.core.config;

import dev.alknet.core.config.internal.ConfigFiles;
import dev.alknet.core.config.internal.ConfigReader;
import java.nio.file.Path;

/**
 * Loads an alknet TOML config file (see {@code docs/configuration.md} for the keys).
 *
 * <p>Loading is all or nothing: every key is checked and every file the config names is read (key files) or
 * checked to exist (certificates, the host key) before a result is returned; any problem is a
 * {@link ConfigException} with file, line and key path. Unknown keys are errors. Relative paths in the file
 * resolve against the file's directory.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads a config file. */
    public static AlknetConfig load(Path file) {
        String text = ConfigFiles.read(file);
        return ConfigReader.read(text, file.toAbsolutePath().getParent(), file.toString());
    }

    /**
     * Parses config text that came from no file (messages then give line and key only).
     *
     * @param baseDir what relative paths in the text resolve against
     */
    public static AlknetConfig parse(String toml, Path baseDir) {
        return ConfigReader.read(toml, baseDir.toAbsolutePath(), null);
    }

    /**
     * Loads the reloadable part of a config file, for {@link ConfigReloadHandle#reload}. The whole file must
     * be valid; changes to its static keys take effect only at the next start.
     */
    public static DynamicConfig loadDynamic(Path file) {
        return load(file).dynamicConfig();
    }
}
