package dev.alknet.host;

import dev.alknet.core.frame.FrameCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** JSON as the operator types and reads it. */
final class JsonText {

    private JsonText() {
    }

    /** @throws UsageError naming {@code what} and where the text stops being JSON */
    static JsonNode parse(String what, String text) {
        try {
            return FrameCodec.jsonMapper().readTree(text);
        } catch (JacksonException e) {
            // The original message leaves out the echoed source, which may be long or hold a secret.
            throw new UsageError(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String format(JsonNode value, boolean pretty) {
        return pretty ? FrameCodec.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value)
                : FrameCodec.jsonMapper().writeValueAsString(value);
    }
}
