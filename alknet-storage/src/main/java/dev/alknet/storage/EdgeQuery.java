package dev.alknet.storage;

/**
 * A page of a graph's edges for {@link Metagraph#edges(String, EdgeQuery)}: those of {@code type} from node
 * {@code source} to node {@code target} (each filter left out when {@code null}; an undirected edge joins its nodes
 * both ways), whose id comes after {@code after}, at most {@code limit} of them, ordered by edge id.
 *
 * @param after the cursor: the last edge id of the previous page ({@link Page#next()})
 */
public record EdgeQuery(String type, String source, String target, String after, int limit) {

    public EdgeQuery {
        Page.checkLimit(limit);
    }

    /** The first {@code limit} edges. */
    public static EdgeQuery first(int limit) {
        return new EdgeQuery(null, null, null, null, limit);
    }

    public EdgeQuery ofType(String edgeType) {
        return new EdgeQuery(edgeType, source, target, after, limit);
    }

    public EdgeQuery from(String sourceKey) {
        return new EdgeQuery(type, sourceKey, target, after, limit);
    }

    public EdgeQuery to(String targetKey) {
        return new EdgeQuery(type, source, targetKey, after, limit);
    }

    public EdgeQuery after(String cursor) {
        return new EdgeQuery(type, source, target, cursor, limit);
    }
}
