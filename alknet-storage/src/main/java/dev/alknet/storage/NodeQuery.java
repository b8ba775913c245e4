package dev.alknet.storage;

/**
 * A page of a graph's nodes for {@link Metagraph#nodes(String, NodeQuery)}: those of {@code type} (all when
 * {@code null}) whose key comes after {@code after} (from the first when {@code null}), at most {@code limit} of
 * them. Keys are ordered by Unicode code point, the same on SQLite and PostgreSQL.
 *
 * @param after the cursor: the last key of the previous page ({@link Page#next()})
 */
public record NodeQuery(String type, String after, int limit) {

    public NodeQuery {
        Page.checkLimit(limit);
    }

    /** The first {@code limit} nodes of any type. */
    public static NodeQuery first(int limit) {
        return new NodeQuery(null, null, limit);
    }

    public NodeQuery ofType(String nodeType) {
        return new NodeQuery(nodeType, after, limit);
    }

    public NodeQuery after(String cursor) {
        return new NodeQuery(type, cursor, limit);
    }
}
