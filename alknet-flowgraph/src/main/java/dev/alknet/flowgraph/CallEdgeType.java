package dev.alknet.flowgraph;

/** Why one call is downstream of another. */
public enum CallEdgeType {
    /** The source call issued the target call ({@code parentRequestId}). */
    TRIGGERED("triggered"),
    /** The target call depends on the source call's result (declared with {@link CallGraph#dependsOn}). */
    DEPENDS_ON("depends_on");

    private final String wireName;

    CallEdgeType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
