package dev.alknet.bench.rpc;

import dev.alknet.bench.Payloads;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.core.frame.FrameCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every transport under test serves: a unary call that takes a 1 KiB document and answers a prepared 1 KiB
 * document (so only the protocol and JSON are measured, not the handler), and a subscription of small items.
 */
final class EchoOperations {

    static final String UNARY = "/bench/echo/unary";
    static final String FEED = "/bench/feed/items";
    static final JsonNode INPUT = Payloads.document(1024, "größe > 10 MiB and name ~ \"report\"");
    static final JsonNode OUTPUT = Payloads.document(1024, "answer: 17 matches");
    /** One subscription item, about 40 bytes of JSON. */
    static final JsonNode ITEM = item();

    private EchoOperations() {}

    static OperationRegistry registry() {
        return OperationRegistry.create()
                .query(UNARY, (input, env) -> OUTPUT)
                .subscription(FEED, spec -> { }, (input, env, sink) -> {
                    int items = input.get("items").intValue();
                    for (int i = 0; i < items; i++) {
                        sink.emit(ITEM);
                    }
                });
    }

    private static JsonNode item() {
        ObjectNode item = FrameCodec.jsonMapper().createObjectNode();
        item.put("seq", 123_456);
        item.put("level", "info");
        item.put("ok", true);
        return item;
    }
}
