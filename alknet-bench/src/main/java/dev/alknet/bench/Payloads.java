package dev.alknet.bench;

import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Realistic call-protocol envelopes of a given JSON size, shared by the benchmarks. */
public final class Payloads {

    private Payloads() {}

    /**
     * A {@code call.requested} envelope whose encoded body is about {@code bytes} long: nested objects, an array
     * of records, numbers, booleans and a little non-ASCII text, as an operation's input would have.
     */
    static EventEnvelope callRequested(int bytes) {
        ObjectNode payload = FrameCodec.jsonMapper().createObjectNode();
        payload.put("requestId", "4b0c2f0e-3c8e-4d8b-9a7e-1f2d3c4b5a69");
        payload.put("operationId", "/worker-1/files/search");
        payload.put("deadline", 1_795_000_000_000L);
        ObjectNode input = payload.putObject("input");
        input.put("query", "größe > 10 MiB and name ~ \"report\"");
        input.put("caseSensitive", false);
        ArrayNode items = input.putArray("items");
        EventEnvelope envelope = new EventEnvelope("call.requested", "4b0c2f0e-3c8e-4d8b-9a7e-1f2d3c4b5a69", payload);
        for (int i = 0; body(envelope).length < bytes - 40; i++) {
            addRecord(items, i);
        }
        return envelope;
    }

    /** An operation input or output of about {@code bytes} of JSON, shaped like the input above. */
    public static ObjectNode document(int bytes, String query) {
        ObjectNode document = FrameCodec.jsonMapper().createObjectNode();
        document.put("query", query);
        document.put("caseSensitive", false);
        ArrayNode items = document.putArray("items");
        for (int i = 0; FrameCodec.jsonMapper().writeValueAsBytes(document).length < bytes - 40; i++) {
            addRecord(items, i);
        }
        return document;
    }

    private static void addRecord(ArrayNode items, int i) {
        ObjectNode item = items.addObject();
        item.put("path", "/srv/data/project-" + i + "/notes.md");
        item.put("size", 4096L * (i + 1));
        item.put("hidden", i % 3 == 0);
    }

    /** The JSON body of the envelope's frame (no length header). */
    static byte[] body(EventEnvelope envelope) {
        byte[] frame = frame(envelope);
        return java.util.Arrays.copyOfRange(frame, FrameCodec.HEADER_BYTES, frame.length);
    }

    static byte[] frame(EventEnvelope envelope) {
        try {
            return FrameCodec.defaults().encode(envelope);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
