package dev.alknet.core.config;

import java.util.Objects;

/** A whole configuration as loaded from a file: the part fixed at start and the reloadable part. */
public record AlknetConfig(StaticConfig staticConfig, DynamicConfig dynamicConfig) {

    public AlknetConfig {
        Objects.requireNonNull(staticConfig, "staticConfig");
        Objects.requireNonNull(dynamicConfig, "dynamicConfig");
    }

    /** What an empty config file gives. */
    public static AlknetConfig defaults() {
        return new AlknetConfig(StaticConfig.defaults(), DynamicConfig.defaults());
    }
}
