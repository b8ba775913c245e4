package dev.alknet.storage;

import java.util.Locale;

/** Who a graph type belongs to: the node itself, a tenant (organisation) or a single user. */
public enum TypeScope {
    SYSTEM, TENANT, USER;

    /** The stored form: {@code system}, {@code tenant}, {@code user}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
