package dev.alknet.storage;

import java.util.Locale;

/** What an account is: a person with admin rights, a person, or a program. */
public enum AccessLevel {
    ADMIN, USER, SERVICE;

    /** The stored form: the lower-case name. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
