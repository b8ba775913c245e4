package dev.alknet.storage;

import java.util.Locale;

/** An account's role in an organisation. */
public enum MembershipLevel {
    OWNER, ADMIN, MEMBER;

    /** The stored form: the lower-case name. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
