package dev.alknet.host;

import dev.alknet.callproto.OperationRegistry;
import dev.alknet.core.frame.FrameCodec;

/**
 * Operations to try {@code alknet call} with, added by {@code alknet serve --demo-ops} only: a production head
 * exposes nothing but discovery and worker registration until workers bring their own.
 */
final class DemoOps {

    private static final String TICKS_INPUT = """
            {"type": "object", "properties": {
             "count": {"type": "integer", "minimum": 1},
             "interval_ms": {"type": "integer", "minimum": 0, "maximum": 60000}}}""";
    private static final int DEFAULT_INTERVAL_MS = 1000;

    private DemoOps() {
    }

    /** {@code /{node}/demo/echo} answers its input; {@code /{node}/demo/ticks} streams {@code {"tick": n}}. */
    static void register(OperationRegistry registry, String node) {
        registry.query("/" + node + "/demo/echo", (input, env) -> input);
        registry.subscription("/" + node + "/demo/ticks",
                spec -> spec.inputSchema(FrameCodec.jsonMapper().readTree(TICKS_INPUT)),
                (input, env, sink) -> {
                    long count = input.path("count").asLong(Long.MAX_VALUE);
                    int interval = input.path("interval_ms").asInt(DEFAULT_INTERVAL_MS);
                    for (long tick = 1; tick <= count; tick++) {
                        sink.emit(FrameCodec.jsonMapper().createObjectNode().put("tick", tick));
                        // An abort interrupts the sleep, which ends an endless stream.
                        if (tick < count) {
                            Thread.sleep(interval);
                        }
                    }
                });
    }
}
