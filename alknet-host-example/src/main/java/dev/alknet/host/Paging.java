package dev.alknet.host;

import dev.alknet.storage.Page;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paging fields of the query operations: up to {@code limit} items (default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}) after the cursor {@code after}, and in the output {@code next}, the cursor of the following
 * page or {@code null} on the last one. Storage pages with a keyset query (docs/storage.md, "Paging"); a cursor that
 * cannot be a key or id is storage's {@code INVALID} naming {@code after}, so a {@code VALIDATION_ERROR}.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** An input with {@code limit} and {@code after}; the query adds its own fields. */
    static OpInput input() {
        return OpInput.object().optional("limit", OpInput.integer(1, MAX_LIMIT)).optional("after", OpInput.name());
    }

    static int limit(JsonNode in) {
        return in.path("limit").asInt(DEFAULT_LIMIT);
    }

    static String after(JsonNode in) {
        return in.path("after").asString(null);
    }

    /** {@code {<field>: [...], next}}. */
    static <T> ObjectNode output(String field, Page<T> page, Function<T, ObjectNode> json) {
        ObjectNode out = StorageJson.list(field, page.items(), json);
        out.put("next", page.next());
        return out;
    }
}
