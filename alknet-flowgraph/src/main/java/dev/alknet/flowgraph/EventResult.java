package dev.alknet.flowgraph;

import java.util.List;

/** What {@link CallGraph#apply} did with one event. */
public sealed interface EventResult {

    /** @param toCancel calls aborted by this event, in dependency order (empty unless it was an abort) */
    record Applied(List<String> toCancel) implements EventResult {
        public Applied {
            toCancel = List.copyOf(toCancel);
        }
    }

    /** @param reason why, e.g. {@code call r1 cannot move from Completed to Aborted} or {@code no call r9} */
    record Rejected(CallEvent event, String reason) implements EventResult {
    }
}
