package dev.alknet.storage;

import java.util.Locale;

/** What a principal may do to a resource; each is an edge type of the ACL graph ({@code can_read}, ...). */
public enum AclAction {
    READ, WRITE, EXECUTE;

    /** The ACL edge type that grants it. */
    public String edgeType() {
        return "can_" + name().toLowerCase(Locale.ROOT);
    }
}
