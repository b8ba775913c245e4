package dev.alknet.storage;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** A node to add: its type, its key (unique in the graph) and its attributes (a JSON object). */
public record NewNode(String type, String key, JsonNode attributes) {

    public NewNode {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(attributes, "attributes");
    }
}
