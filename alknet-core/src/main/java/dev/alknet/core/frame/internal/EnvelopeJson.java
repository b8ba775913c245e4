package dev.alknet.core.frame.internal;

import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameException;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.node.NullNode;

/**
 * The JSON side of a frame body: the one {@link JsonMapper} of the frame layer and the envelope's mapping.
 *
 * <p>The envelope is written by hand with the streaming generator rather than bound as a record: the key order
 * stays {@code type, id, payload} whatever mapper defaults say (Jackson 3 sorts properties alphabetically), and
 * no reflection runs per frame.
 */
public final class EnvelopeJson {

    /**
     * Jackson 3 mappers are immutable once built, so one instance is safely shared by every codec and thread.
     * AUTO_CLOSE_TARGET is off because writers hand Jackson a stream they keep using after the frame.
     * FAIL_ON_TRAILING_TOKENS is already the Jackson 3 default; it is pinned because a body must be exactly one
     * value.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EnvelopeJson() {
    }

    /** Writes the envelope as UTF-8 JSON, leaving {@code out} open. */
    public static void write(EventEnvelope envelope, OutputStream out) throws IOException {
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("type", envelope.type());
            generator.writeStringProperty("id", envelope.id());
            generator.writeName("payload");
            generator.writeTree(envelope.payload());
            generator.writeEndObject();
        } catch (JacksonIOException e) {
            // The target stream failed (or refused an oversize frame); report its own exception.
            throw e.getCause();
        }
    }

    /**
     * Parses one body. The caller has checked the length limit; UTF-8 is checked here because Jackson lets
     * overlong forms through (see {@link Utf8}).
     */
    public static EventEnvelope read(byte[] body, int offset, int length) throws FrameException {
        Utf8.validate(body, offset, length);
        rejectWideEncodings(body, offset, length);
        JsonNode root;
        try {
            root = MAPPER.readTree(body, offset, length);
        } catch (JacksonException e) {
            throw FrameErrors.badJson(e);
        }
        return toEnvelope(root);
    }

    /**
     * Jackson guesses UTF-16/UTF-32 from NUL bytes among the first four, and NUL is well-formed UTF-8, so a UTF-16
     * body would slip past {@link Utf8}. JSON text never contains a raw NUL, hence rejecting it costs nothing valid.
     */
    private static void rejectWideEncodings(byte[] body, int offset, int length) throws FrameException {
        int end = offset + Math.min(length, FrameFormat.HEADER_BYTES);
        for (int i = offset; i < end; i++) {
            if (body[i] == 0) {
                throw FrameErrors.badJson("NUL byte (UTF-16 and UTF-32 bodies are not accepted)", i - offset);
            }
        }
    }

    private static EventEnvelope toEnvelope(JsonNode root) throws FrameException {
        if (root.isMissingNode()) {
            throw FrameErrors.badJson("body holds no JSON value", -1);
        }
        if (!root.isObject()) {
            throw FrameErrors.notAnEnvelope("top-level value is " + describe(root) + ", expected an object");
        }
        JsonNode type = root.get("type");
        if (type == null) {
            throw FrameErrors.notAnEnvelope("field 'type' is missing");
        }
        if (!type.isString()) {
            throw FrameErrors.notAnEnvelope("field 'type' is " + describe(type) + ", expected a string");
        }
        if (type.stringValue().isEmpty()) {
            throw FrameErrors.notAnEnvelope("field 'type' is empty");
        }
        // A missing or null id is read as "": both mean "no correlation key", which is what "" says on the wire.
        JsonNode id = root.get("id");
        String idText = "";
        if (id != null && !id.isNull()) {
            if (!id.isString()) {
                throw FrameErrors.notAnEnvelope("field 'id' is " + describe(id) + ", expected a string");
            }
            idText = id.stringValue();
        }
        JsonNode payload = root.get("payload");
        return new EventEnvelope(type.stringValue(), idText, payload == null ? NullNode.getInstance() : payload);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
