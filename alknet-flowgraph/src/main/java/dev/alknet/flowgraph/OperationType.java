package dev.alknet.flowgraph;

/** What kind of operation a spec describes, by its wire name ({@code op_type}). */
public enum OperationType {
    QUERY("query"), MUTATION("mutation"), SUBSCRIPTION("subscription");

    private final String wireName;

    OperationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static OperationType fromWireName(String name) {
        for (OperationType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("op_type must be query, mutation or subscription, got '" + name + "'");
    }
}
