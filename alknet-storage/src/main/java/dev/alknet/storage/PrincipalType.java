package dev.alknet.storage;

import java.util.Locale;

/** What an ACL principal stands for (the spec's {@code identity_type}). */
public enum PrincipalType {
    ACCOUNT, ORG, SERVICE, ROLE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
