package dev.alknet.callproto.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code identity} field a head adds when it forwards a call: {@code {"id", "scopes": [...], "resources":
 * {"kind": [...]}}}. Only a worker's session to its own head reads it; everywhere else it is ignored like any other
 * unknown field, so no peer can claim an identity by writing one.
 */
public final class IdentityJson {

    private IdentityJson() {
    }

    public static JsonNode toJson(Identity identity) {
        ObjectNode node = FrameCodec.jsonMapper().createObjectNode();
        node.put("id", identity.id());
        identity.scopes().forEach(node.putArray("scopes")::add);
        ObjectNode resources = node.putObject("resources");
        identity.resources().forEach((kind, names) -> names.forEach(resources.putArray(kind)::add));
        return node;
    }

    /** The identity in {@code node}, or empty when it is not one (a head never sends such a thing). */
    public static Optional<Identity> fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("id").isString()) {
            return Optional.empty();
        }
        Optional<Set<String>> scopes = strings(node.path("scopes"));
        JsonNode resourcesNode = node.path("resources");
        if (scopes.isEmpty() || !(resourcesNode.isObject() || resourcesNode.isMissingNode())) {
            return Optional.empty();
        }
        Map<String, Set<String>> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> kind : resourcesNode.properties()) {
            Optional<Set<String>> names = strings(kind.getValue());
            if (names.isEmpty()) {
                return Optional.empty();
            }
            resources.put(kind.getKey(), names.get());
        }
        return Optional.of(new Identity(node.get("id").stringValue(), scopes.get(), resources));
    }

    private static Optional<Set<String>> strings(JsonNode array) {
        if (array.isMissingNode()) {
            return Optional.of(Set.of());
        }
        if (!array.isArray()) {
            return Optional.empty();
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode value : array) {
            if (!value.isString()) {
                return Optional.empty();
            }
            values.add(value.stringValue());
        }
        return Optional.of(values);
    }
}
