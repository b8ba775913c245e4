package dev.alknet.flowgraph;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test JSON from text with single quotes, so schemas read naturally inside Java strings. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode json(String text) {
        return MAPPER.readTree(text.replace('\'', '"'));
    }
}
