package dev.alknet.storage;

import java.util.Locale;

/** Only active accounts authenticate; suspended and deactivated ones resolve to nobody. */
public enum AccountStatus {
    ACTIVE, SUSPENDED, DEACTIVATED;

    /** The stored form: the lower-case name. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
