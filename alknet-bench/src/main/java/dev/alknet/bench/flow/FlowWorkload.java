package dev.alknet.bench.flow;

import dev.alknet.flowgraph.CallEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Call-protocol event streams shaped like a head's traffic: trees of nested calls. */
final class FlowWorkload {

    private static final JsonNode INPUT = JsonNodeFactory.instance.objectNode().put("path", "/var/log/syslog");
    private static final JsonNode OUTPUT = JsonNodeFactory.instance.objectNode().put("size", 1024);

    private FlowWorkload() {
    }

    /**
     * {@code trees} trees of 10 calls (a root, 3 children, the first two with 3 grandchildren each), each call
     * requested, started and answered: 30 events per tree. Children are requested while their parent runs and
     * answer before it.
     */
    static List<CallEvent> events(int trees) {
        List<CallEvent> events = new ArrayList<>(trees * 30);
        for (int t = 0; t < trees; t++) {
            String root = "t" + t;
            open(events, root, null);
            for (int c = 0; c < 3; c++) {
                String child = root + "." + c;
                open(events, child, root);
                for (int g = 0; c < 2 && g < 3; g++) {
                    open(events, child + "." + g, child);
                    events.add(new CallEvent.Responded(child + "." + g, OUTPUT));
                }
                events.add(new CallEvent.Responded(child, OUTPUT));
            }
            events.add(new CallEvent.Responded(root, OUTPUT));
        }
        return events;
    }

    private static void open(List<CallEvent> events, String id, String parent) {
        events.add(new CallEvent.Requested(id, "/dev1/fs/read", INPUT, parent, "SHA256:bench", false));
        events.add(new CallEvent.Started(id));
    }
}
